extern alias client;

using client::PesanAI.Protos.Tenants.V1;
using Grpc.Core;

namespace PesanAI.FunctionalTests;

public sealed class ConcurrencyTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly TenantService.TenantServiceClient _tenants = app.OperatorTenants();

    [Fact]
    public async Task Two_tenants_registering_one_phone_number_at_once_one_wins()
    {
        for (var round = 0; round < 5; round++)
        {
            var a = await _tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = $"Balapan A {round}" });
            var b = await _tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = $"Balapan B {round}" });
            var phoneNumberId = TenantLifecycleTests.NewPhoneNumberId();

            var results = await Task.WhenAll(
                Outcome(_tenants.RegisterPhoneNumberAsync(TenantLifecycleTests.Registration(a.Id, phoneNumberId)).ResponseAsync),
                Outcome(_tenants.RegisterPhoneNumberAsync(TenantLifecycleTests.Registration(b.Id, phoneNumberId)).ResponseAsync));

            Assert.Single(results, r => r == StatusCode.OK);
            Assert.Single(results, r => r == StatusCode.AlreadyExists);
            var owners = (await _tenants.GetTenantAsync(new GetTenantRequest { Id = a.Id })).PhoneNumbers.Count
                + (await _tenants.GetTenantAsync(new GetTenantRequest { Id = b.Id })).PhoneNumbers.Count;
            Assert.Equal(1, owners);
        }
    }

    [Fact]
    public async Task One_tenant_registering_one_number_twice_at_once_keeps_it_once()
    {
        var tenant = await _tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = "Balapan Sendiri" });
        var phoneNumberId = TenantLifecycleTests.NewPhoneNumberId();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(
            _ => Outcome(_tenants.RegisterPhoneNumberAsync(TenantLifecycleTests.Registration(tenant.Id, phoneNumberId)).ResponseAsync)));

        Assert.Single(results, r => r == StatusCode.OK);
        Assert.All(results.Where(r => r != StatusCode.OK), r => Assert.Contains(r, new[] { StatusCode.AlreadyExists, StatusCode.Aborted }));
        Assert.Single((await _tenants.GetTenantAsync(new GetTenantRequest { Id = tenant.Id })).PhoneNumbers);
    }

    private static async Task<StatusCode> Outcome(Task call)
    {
        try
        {
            await call;
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
