using Grpc.AspNetCore.Server;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProtoServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace PesanAI.FunctionalTests;

public sealed class EndpointCoverageTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private static readonly string[] AnonymousServices = ["grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection", "grpc.reflection.v1.ServerReflection"];

    [Fact]
    public void Every_grpc_method_names_an_authorization_policy_except_health_and_reflection()
    {
        var methods = GrpcEndpoints().ToList();
        Assert.Contains(methods, m => m.Service == "pesanai.tenants.v1.TenantService");

        foreach (var (service, method, endpoint) in methods)
        {
            if (AnonymousServices.Contains(service))
            {
                Assert.NotNull(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
                continue;
            }

            Assert.True(endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null, $"{service}/{method} allows anonymous calls");
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => !string.IsNullOrEmpty(p)).ToList();
            Assert.True(policies.Count > 0, $"{service}/{method} has no authorization policy");
        }
    }

    [Fact]
    public void Every_method_of_every_pesanai_proto_service_is_served()
    {
        var served = GrpcEndpoints().Select(m => $"{m.Service}/{m.Method}").ToHashSet();
        var declared = typeof(PesanAI.Protos.Tenants.V1.TenantService).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("PesanAI.Protos", StringComparison.Ordinal) == true && t.GetProperty("Descriptor")?.PropertyType == typeof(ProtoServiceDescriptor))
            .Select(t => (ProtoServiceDescriptor)t.GetProperty("Descriptor")!.GetValue(null)!)
            .SelectMany(s => s.Methods.Select(m => $"{s.FullName}/{m.Name}"))
            .ToList();

        Assert.NotEmpty(declared);
        Assert.All(declared, method => Assert.Contains(method, served));
    }

    [Fact]
    public async Task Health_answers_serving_without_a_token()
    {
        var health = new Health.HealthClient(app.RawChannel());

        var reply = await health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Reflection_lists_the_tenant_service_without_a_token()
    {
        var reflection = new global::Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(app.RawChannel());
        using var call = reflection.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = string.Empty });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Contains(call.ResponseStream.Current.ListServicesResponse.Service, s => s.Name == "pesanai.tenants.v1.TenantService");
    }

    private IEnumerable<(string Service, string Method, Endpoint Endpoint)> GrpcEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => (Endpoint: e, Grpc: e.Metadata.GetMetadata<GrpcMethodMetadata>()))
            .Where(x => x.Grpc is not null)
            .Select(x => (x.Grpc!.Method.ServiceName, x.Grpc.Method.Name, x.Endpoint));
}
