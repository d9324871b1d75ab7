using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TechLead.Http;

/// <summary>
/// The headers every answer carries in both hosts: no MIME sniffing (a JSON error must never be read as a page) and
/// no caching (answers hold drafts, feedback and the review queue, which must not linger in a shared or browser cache).
/// </summary>
public static class SecurityHeaders
{
    public const string NoSniff = "nosniff";
    public const string NoStore = "no-store";

    /// <summary>
    /// Sets the headers now and again just before the response starts: the exception handler and status-code
    /// answers clear or write headers after the handler ran, so only the last moment covers every answer.
    /// </summary>
    public static void Apply(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Set(response.Headers);
        response.OnStarting(static state =>
        {
            Set(((HttpResponse)state).Headers);
            return Task.CompletedTask;
        }, response);
    }

    /// <summary>
    /// serve's outermost middleware: ahead of the web host's own host filtering (a startup filter, which runs before
    /// the app's middleware) and of the exception handler, so their answers carry the headers too.
    /// </summary>
    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services)
    {
        services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter, HeadersFirst>());
        return services;
    }

    private sealed class HeadersFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                Apply(context.Response);
                return following(context);
            });
            next(app);
        };
    }

    private static void Set(IHeaderDictionary headers)
    {
        headers.XContentTypeOptions = NoSniff;
        headers.CacheControl = NoStore;
    }
}
