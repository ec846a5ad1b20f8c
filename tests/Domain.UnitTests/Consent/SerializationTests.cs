using System.Text.Json;
using PesanAI.Domain.Consent;
using PesanAI.Domain.Tenants;
using PesanAI.Domain.UnitTests.Conversations;
using static PesanAI.Domain.UnitTests.Consent.ConsentHistory;

namespace PesanAI.Domain.UnitTests.Consent;

public sealed class SerializationTests
{
    [Fact]
    public void A_consent_record_round_trips_as_Marten_stores_it()
    {
        var state = Given(In(ConsentPurpose.Marketing), In(ConsentPurpose.Utility), Out(OptOutScope.All, collectedAt: Now))! with { Version = 3 };

        var stored = MartenJson.RoundTrip(state);

        Assert.Equal(state, stored);
    }

    [Fact]
    public void An_opt_out_of_all_is_stored_with_its_scope_by_name()
    {
        using var json = JsonDocument.Parse(MartenJson.Serialize(Out(OptOutScope.All)));

        Assert.Equal("All", json.RootElement.GetProperty("scope").GetString());
        Assert.Equal("Keyword", json.RootElement.GetProperty("source").GetString());
    }

    [Fact]
    public void A_tenant_stored_before_consent_settings_existed_loads_with_the_defaults()
    {
        var tenant = Tenants.TenantHistory.Given();
        var node = System.Text.Json.Nodes.JsonNode.Parse(MartenJson.Serialize(tenant))!.AsObject();
        node.Remove("consentKeywords");

        var loaded = JsonSerializer.Deserialize<Tenant>(node.ToJsonString(), MartenJson.Options)!;

        Assert.True(loaded.ConsentKeywords.SameAs(ConsentKeywordSettings.Default));
    }
}
