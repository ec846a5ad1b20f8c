using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Tenants;

public sealed class BusinessProfileTests
{
    [Fact]
    public void Update_business_profile_on_active_tenant_replaces_the_profile()
    {
        var profile = Profile();

        var events = TenantDecider.UpdateBusinessProfile(Given(), profile, Now);

        Assert.Equal([new BusinessProfileUpdated(TenantId, profile, Now)], events);
    }

    [Fact]
    public void Update_business_profile_again_replaces_the_previous_one()
    {
        var state = Given(new BusinessProfileUpdated(TenantId, Profile("Lama"), CreatedAt));
        var profile = Profile("Baru");

        var events = TenantDecider.UpdateBusinessProfile(state, profile, Now);

        Assert.Equal([new BusinessProfileUpdated(TenantId, profile, Now)], events);
    }
}
