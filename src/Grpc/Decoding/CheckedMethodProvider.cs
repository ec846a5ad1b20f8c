using System.Reflection;
using global::Grpc.AspNetCore.Server.Model;
using global::Grpc.Core;

namespace PesanAI.Host.Decoding;

/// <summary>
/// Binds every gRPC service as grpc-dotnet's own binder does (generated <c>BindService</c>, the same endpoint
/// metadata, so [Authorize] still applies), but with <see cref="CheckedRequestMarshaller"/> around each request
/// marshaller: decoding happens before interceptors run, so this is the one place that sees every request's bytes.
/// </summary>
public sealed class CheckedMethodProvider<TService> : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bind = BindMethodOf(typeof(TService))
            ?? throw new InvalidOperationException($"{typeof(TService).Name} has no generated BindService method.");

        // BindService(ServiceBinderBase, TServiceBase): handlers are the overrides of TServiceBase's methods.
        bind.Invoke(null, [new Binder(context, bind.GetParameters()[1].ParameterType), null]);
    }

    /// <summary>The generated <c>BindService</c> named by [BindServiceMethod] on the generated base class.</summary>
    private static MethodInfo? BindMethodOf(Type serviceType)
    {
        for (var type = serviceType; type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } attribute)
            {
                return attribute.BindType.GetMethod(
                    attribute.BindMethodName, BindingFlags.Public | BindingFlags.Static, [typeof(ServiceBinderBase), type]);
            }
        }

        return null;
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context, Type baseType) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            context.AddUnaryMethod(
                Checked(method),
                Metadata(method.Name, [typeof(TRequest), typeof(ServerCallContext)], out var invoker),
                Invoker<UnaryServerMethod<TService, TRequest, TResponse>>(invoker));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddServerStreamingMethod(
                Checked(method),
                Metadata(method.Name, [typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)], out var invoker),
                Invoker<ServerStreamingServerMethod<TService, TRequest, TResponse>>(invoker));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddClientStreamingMethod(
                Checked(method),
                Metadata(method.Name, [typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)], out var invoker),
                Invoker<ClientStreamingServerMethod<TService, TRequest, TResponse>>(invoker));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddDuplexStreamingMethod(
                Checked(method),
                Metadata(method.Name, [typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)], out var invoker),
                Invoker<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(invoker));

        private static Method<TRequest, TResponse> Checked<TRequest, TResponse>(Method<TRequest, TResponse> method) =>
            new(method.Type, method.ServiceName, method.Name, CheckedRequestMarshaller.Wrap(method.RequestMarshaller), method.ResponseMarshaller);

        private static TDelegate Invoker<TDelegate>(MethodInfo handler)
            where TDelegate : Delegate => (TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler);

        /// <summary>The service's attributes, then the handler's (they win), then POST: what grpc-dotnet's binder gives.</summary>
        private List<object> Metadata(string name, Type[] parameters, out MethodInfo handler)
        {
            handler = HandlerOf(name, parameters)
                ?? throw new InvalidOperationException($"Could not find '{name}' on {typeof(TService)}.");
            List<object> metadata = [.. typeof(TService).GetCustomAttributes(inherit: true), .. handler.GetCustomAttributes(inherit: true)];
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return metadata;
        }

        /// <summary>The override of the generated base's virtual method (a method that merely hides it does not count).</summary>
        private MethodInfo? HandlerOf(string name, Type[] parameters)
        {
            for (var type = typeof(TService); type is not null; type = type.BaseType)
            {
                var candidate = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters);
                if (candidate is null)
                {
                    return null;
                }

                if (candidate.IsVirtual && candidate.GetBaseDefinition().DeclaringType == baseType)
                {
                    return candidate;
                }
            }

            return null;
        }
    }
}
