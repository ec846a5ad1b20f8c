using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Tenants;

public sealed class CreateTenantTests
{
    [Fact]
    public void Create_trims_the_display_name()
    {
        var created = TenantDecider.Create(TenantId, "  Toko Maju \t", "Asia/Jakarta", "id", Now);

        Assert.Equal(new TenantCreated(TenantId, "Toko Maju", "Asia/Jakarta", "id", Now), created);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Create_without_display_name_is_refused(string displayName)
    {
        var refused = Assert.Throws<DomainException>(() => TenantDecider.Create(TenantId, displayName, "Asia/Jakarta", "id", Now));

        Assert.Equal("DISPLAY_NAME_REQUIRED", refused.Reason);
        Assert.Equal(RuleKind.Precondition, refused.Kind);
    }
}
