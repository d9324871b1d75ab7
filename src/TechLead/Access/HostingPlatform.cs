using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TechLead.Access;

/// <summary>Which program serves the routes: the local runner's serve (the default) or the Functions worker.</summary>
public enum RouteHost
{
    Serve,
    FunctionsWorker,
}

/// <summary>
/// Where the app runs, read from the variables the Azure Functions host itself reads to learn its hosting plan, so
/// that no Azure plan is mistaken for a developer's machine. <see cref="AzurePlan"/> is null outside Azure;
/// <see cref="AzureEvidence"/> names the variable that said otherwise.
/// </summary>
public sealed record HostingPlatform(RouteHost Host, string? AzurePlan, string? AzureEvidence, bool FuncStartDevelopment)
{
    /// <summary>Set on every App Service instance (Dedicated, Premium, Windows Consumption): the host's own "is App Service".</summary>
    public const string InstanceId = AppServicePlatform.InstanceId;

    /// <summary>The plan's SKU (FlexConsumption, Dynamic, ElasticPremium, ...), set by the platform on its instances.</summary>
    public const string Sku = "WEBSITE_SKU";

    /// <summary>The app's name, set by the platform on every plan.</summary>
    public const string SiteName = "WEBSITE_SITE_NAME";

    /// <summary>Linux Consumption's container: the host treats it as that plan when there is no instance id.</summary>
    public const string ContainerName = "CONTAINER_NAME";

    /// <summary>Flex Consumption's instances (the host reads these when the SKU is not yet known).</summary>
    public const string PodName = "WEBSITE_POD_NAME";

    public const string LegionServiceHost = "LEGION_SERVICE_HOST";

    /// <summary>Functions on Azure Container Apps (the host's "managed app environment"), and Container Apps' own name variable.</summary>
    public const string ManagedEnvironment = "MANAGED_ENVIRONMENT";

    public const string ContainerAppName = "CONTAINER_APP_NAME";

    /// <summary>App Service on Kubernetes: the host needs both, since any Kubernetes pod has the first.</summary>
    public const string KubernetesServiceHost = "KUBERNETES_SERVICE_HOST";

    public const string PodNamespace = "POD_NAMESPACE";

    /// <summary>The Functions host's environment name; Core Tools (<c>func start</c>) always sets it to Development.</summary>
    public const string FunctionsEnvironment = "AZURE_FUNCTIONS_ENVIRONMENT";

    /// <summary>Every variable read here, so a test can start from none of them (a developer's machine may set some).</summary>
    public static IReadOnlyList<string> Variables { get; } =
        [InstanceId, Sku, SiteName, ContainerName, PodName, LegionServiceHost, ManagedEnvironment, ContainerAppName, KubernetesServiceHost, PodNamespace, FunctionsEnvironment];

    public bool InAzure => AzurePlan is not null;

    /// <summary>"Flex Consumption (WEBSITE_SKU is set)", for messages.</summary>
    public string AzureDescription => $"{AzurePlan} ({AzureEvidence} is set)";

    public static HostingPlatform Read(IConfiguration configuration, RouteHost host)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        bool Set(string name) => !string.IsNullOrEmpty(configuration[name]);

        // In the host's order: an instance id is App Service whatever else is set; Flex before Linux Consumption
        // (its containers may have CONTAINER_NAME too); Container Apps and Kubernetes before CONTAINER_NAME.
        (string Plan, string Variable)? azure =
            Set(InstanceId) ? ("App Service", InstanceId)
            : string.Equals(configuration[Sku], "FlexConsumption", StringComparison.OrdinalIgnoreCase) ? ("Flex Consumption", Sku)
            : Set(LegionServiceHost) ? ("Flex Consumption", LegionServiceHost)
            : Set(PodName) ? ("Flex Consumption", PodName)
            : Set(ManagedEnvironment) ? ("Container Apps", ManagedEnvironment)
            : Set(ContainerAppName) ? ("Container Apps", ContainerAppName)
            : Set(KubernetesServiceHost) && Set(PodNamespace) ? ("App Service on Kubernetes", KubernetesServiceHost)
            // Only the Functions worker reads CONTAINER_NAME as Linux Consumption, as its host does: container tools
            // set it on developers' machines too, and serve never runs on a Consumption plan.
            : host == RouteHost.FunctionsWorker && Set(ContainerName) ? ("Linux Consumption", ContainerName)
            : Set(Sku) ? ("App Service", Sku)
            : Set(SiteName) ? ("App Service", SiteName)
            : null;
        var development = host == RouteHost.FunctionsWorker && azure is null &&
            string.Equals(configuration[FunctionsEnvironment], "Development", StringComparison.OrdinalIgnoreCase);
        return new HostingPlatform(host, azure?.Plan, azure?.Variable, development);
    }
}

public static class HostingPlatformRegistration
{
    /// <summary>The routes run in the Functions worker (FunctionsHost): Local mode only under <c>func start</c>.</summary>
    public static IServiceCollection AddFunctionsWorkerAccess(this IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton(s => HostingPlatform.Read(s.GetRequiredService<IConfiguration>(), RouteHost.FunctionsWorker)));

    internal static IServiceCollection AddServeAccessByDefault(this IServiceCollection services)
    {
        services.TryAddSingleton(s => HostingPlatform.Read(s.GetRequiredService<IConfiguration>(), RouteHost.Serve));
        return services;
    }
}
