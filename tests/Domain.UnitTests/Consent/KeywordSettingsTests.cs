using PesanAI.Domain.Consent;
using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Consent;

public sealed class KeywordSettingsTests
{
    private static readonly ConsentKeywordSettings Own = new(["KELUAR", "STOP"], ["GABUNG"], "Sampai jumpa.", "Selamat datang kembali.");

    [Fact]
    public void A_new_tenant_has_the_default_keywords()
    {
        var tenant = Given();

        Assert.Equal(["STOP", "BERHENTI", "UNSUBSCRIBE"], tenant.ConsentKeywords.StopKeywords);
        Assert.Equal(["START", "MULAI"], tenant.ConsentKeywords.StartKeywords);
        Assert.NotEmpty(tenant.ConsentKeywords.OptOutConfirmation);
        Assert.NotEmpty(tenant.ConsentKeywords.OptInConfirmation);
    }

    [Fact]
    public void Configuring_records_the_normalized_settings_and_the_tenant_carries_them()
    {
        var events = ConsentKeywordsDecider.Configure(Given(), Own with { StopKeywords = [" keluar ", "STOP", "Keluar"] }, Now);

        var configured = Assert.IsType<ConsentKeywordsConfigured>(Assert.Single(events));
        Assert.Equal(["keluar", "STOP"], configured.StopKeywords);
        var tenant = Given(configured);
        Assert.True(tenant.ConsentKeywords.SameAs(Own with { StopKeywords = ["keluar", "STOP"] }));
        Assert.Equal(Now, tenant.UpdatedAt);
    }

    [Fact]
    public void Configuring_the_same_settings_again_records_nothing()
    {
        var tenant = Given(Assert.Single(ConsentKeywordsDecider.Configure(Given(), Own, Now)));

        Assert.Empty(ConsentKeywordsDecider.Configure(tenant, Own with { StopKeywords = ["KELUAR", "STOP"] }, Now));
        Assert.Empty(ConsentKeywordsDecider.Configure(Given(), ConsentKeywordSettings.Default, Now));
    }

    [Fact]
    public void A_suspended_tenant_changes_no_settings()
    {
        Assert.Equal("TENANT_SUSPENDED", Refused(() => ConsentKeywordsDecider.Configure(Given(Suspended()), Own, Now)).Reason);
    }
}
