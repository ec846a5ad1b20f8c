using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PesanAI.Application.Audit;
using PesanAI.Application.Inbound;

namespace PesanAI.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers what the use cases need besides their handlers. The handlers and the pipeline
    /// (ValidationBehavior) are registered by the Mediator source generator in the host's AddMediator call.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<DataAccessRecorder>();
        services.TryAddScoped<TenantIngest>();
        services.TryAddScoped<InboundIngest>();
        services.TryAddSingleton<Tenants.NumberThroughputs>();
        services.TryAddScoped<NumberHealthIngest>();
        services.TryAddScoped<Tenants.NumberHealthCheck>();
        services.TryAddScoped<Media.StoredMediaUploads>();
        services.TryAddScoped<Templates.TemplateImport>();
        services.TryAddSingleton<Customers.ErasureHashes>();
        services.TryAddSingleton<Privacy.MediaErasures>();
        return services;
    }
}
