using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TechLead.Hosting;

internal static class OptionsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and validates it when the host starts,
    /// with a validator whose messages name the setting and show an example. A value that cannot be converted (text in
    /// a number, a malformed true/false or choice) is one of those problems too, not a binder exception.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, BindingProblemsValidator<TOptions>>());
        return services.AddOptions<TOptions>()
            .Configure<IConfiguration>((options, configuration) =>
                BindingProblemsValidator<TOptions>.Record(options, SettingBinder.Bind(configuration.GetSection(section), options)))
            .ValidateOnStart();
    }
}

/// <summary>Collects setting problems so one start-up reports all of them at once.</summary>
public sealed class SettingProblems
{
    private readonly List<string> _problems = [];

    public void Add(string setting, string problem, string example) =>
        _problems.Add($"Setting '{setting}' {problem}. Example: {example} (environment variable {setting.Replace(":", "__", StringComparison.Ordinal)}).");

    /// <summary>The problems so far, each a sentence naming its setting.</summary>
    public IReadOnlyList<string> Failures => _problems;

    public ValidateOptionsResult ToResult() =>
        _problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_problems);

    /// <summary>
    /// The setting problems inside a start-up validation failure (one options class fails alone, several fail as an
    /// AggregateException), or null when the exception is about something else.
    /// </summary>
    public static IReadOnlyList<string>? From(Exception exception) => exception switch
    {
        OptionsValidationException e => e.Failures.Distinct().ToList(),
        AggregateException e when e.InnerExceptions.All(i => i is OptionsValidationException) =>
            e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures).Distinct().ToList(),
        _ => null,
    };
}
