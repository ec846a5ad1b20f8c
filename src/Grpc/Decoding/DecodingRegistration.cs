using global::Grpc.AspNetCore.Server.Model;

namespace PesanAI.Host.Decoding;

public static class DecodingRegistration
{
    /// <summary>
    /// Replaces grpc-dotnet's binder (an internal type, registered by AddGrpc) with <see cref="CheckedMethodProvider{TService}"/>.
    /// Both would bind every method twice; if a grpc-dotnet upgrade renames it, start-up fails here instead.
    /// </summary>
    public static IServiceCollection AddCheckedRequestDecoding(this IServiceCollection services)
    {
        var binder = services.SingleOrDefault(d => d.ServiceType == typeof(IServiceMethodProvider<>)
            && d.ImplementationType?.Name == "BinderServiceMethodProvider`1")
            ?? throw new InvalidOperationException("grpc-dotnet's BinderServiceMethodProvider is not registered: call AddGrpc first, or revisit CheckedMethodProvider.");
        services.Remove(binder);
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(CheckedMethodProvider<>));
        return services;
    }
}
