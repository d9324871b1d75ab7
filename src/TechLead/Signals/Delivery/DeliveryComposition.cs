using Microsoft.Extensions.DependencyInjection;

namespace TechLead.Signals.Delivery;

public static class DeliveryComposition
{
    public static IServiceCollection AddDeliverySignals(this IServiceCollection services)
    {
        services.AddSingleton<DeliverySignals>();
        return services;
    }
}
