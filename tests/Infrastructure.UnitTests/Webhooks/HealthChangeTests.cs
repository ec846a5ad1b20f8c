using System.Text;
using PesanAI.Application.Inbound;
using PesanAI.Domain.Tenants;
using PesanAI.Infrastructure.WhatsApp.Webhooks;

namespace PesanAI.Infrastructure.UnitTests.Webhooks;

/// <summary>The number-health fields, read leniently: current and older shapes, odd kinds left out, never the whole change.</summary>
public sealed class HealthChangeTests
{
    private const string Waba = "102290129340398";

    [Fact]
    public void Quality_update_in_the_current_shape()
    {
        var report = Single("phone_number_quality_update", """{"display_phone_number":"15550783881","event":"THROUGHPUT_UPGRADE","max_daily_conversations_per_business":"TIER_UNLIMITED"}""");

        Assert.Equal(new HealthReport("phone_number_quality_update", Waba) { DisplayPhoneNumber = "15550783881", Event = "THROUGHPUT_UPGRADE", LimitTier = "TIER_UNLIMITED" }, report);
    }

    [Fact]
    public void Quality_update_in_the_older_shape_takes_current_limit()
    {
        var report = Single("phone_number_quality_update", """{"display_phone_number":"15550783881","event":"DOWNGRADE","current_limit":"TIER_1K","old_limit":"TIER_10K"}""");

        Assert.Equal(("DOWNGRADE", "TIER_1K"), (report.Event, report.LimitTier));
    }

    [Fact]
    public void Capability_update_reads_the_current_name_and_the_oldest_number()
    {
        var current = Single("business_capability_update", """{"max_daily_conversations_per_business":"TIER_2K","max_phone_numbers_per_business":2}""");
        var oldest = Single("business_capability_update", """{"max_daily_conversation_per_phone":1000}""");

        Assert.Equal(("TIER_2K", "1000"), (current.LimitTier, oldest.LimitTier));
    }

    [Fact]
    public void Account_update_restrictions_violation_and_ban_state_as_string_or_array()
    {
        var restricted = Single("account_update", """{"event":"ACCOUNT_RESTRICTION","restriction_info":[{"restriction_type":"RESTRICTED_BIZ_INITIATED_MESSAGING","expiration":1767225600},{"restriction_type":"RESTRICTED_ADD_PHONE_NUMBER_ACTION","expiration":"2026-12-31T00:00:00Z"}]}""");
        var violation = Single("account_update", """{"event":"ACCOUNT_VIOLATION","violation_info":{"violation_type":"SCAM"}}""");
        var banned = Single("account_update", """{"event":"DISABLED_UPDATE","ban_info":{"waba_ban_state":["DISABLE"],"waba_ban_date":"2026-12-02"}}""");
        var banString = Single("account_update", """{"event":"DISABLED_UPDATE","ban_info":{"waba_ban_state":"REINSTATE"}}""");

        Assert.Equal(
            [
                new AccountRestriction("RESTRICTED_BIZ_INITIATED_MESSAGING", DateTimeOffset.FromUnixTimeSeconds(1767225600)),
                new AccountRestriction("RESTRICTED_ADD_PHONE_NUMBER_ACTION", new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero)),
            ],
            restricted.Account!.Restrictions);
        Assert.Equal("SCAM", violation.Account!.ViolationType);
        Assert.Null(violation.Account.Restrictions);
        Assert.Equal(("DISABLE", "REINSTATE"), (banned.Account!.BanState, banString.Account!.BanState));
    }

    [Fact]
    public void A_field_of_an_unexpected_kind_is_left_out_and_named_the_rest_is_read()
    {
        Assert.True(WebhookPayload.TryParse(Body("phone_number_quality_update", """{"display_phone_number":"15550783881","event":{"x":1},"current_limit":"TIER_250"}"""), out var parsed, out var error), error);

        var report = Assert.Single(parsed!.HealthReports);
        Assert.Equal((null, "TIER_250"), (report.Event, report.LimitTier));
        Assert.Contains(parsed.Problems, p => p.Contains("event", StringComparison.Ordinal));
        Assert.DoesNotContain(parsed.Problems, p => p.Contains("15550783881", StringComparison.Ordinal));
    }

    [Fact]
    public void Health_changes_name_their_WABA_for_routing()
    {
        Assert.True(WebhookRouting.TryRead(Body("account_update", """{"event":"ACCOUNT_RESTRICTION","restriction_info":[]}"""), out var keys));

        Assert.Equal([Waba], keys!.WabaIds);
        Assert.Empty(keys.PhoneNumberIds);
    }

    private static HealthReport Single(string field, string value)
    {
        Assert.True(WebhookPayload.TryParse(Body(field, value), out var parsed, out var error), error);
        return Assert.Single(parsed!.HealthReports);
    }

    private static byte[] Body(string field, string value) => Encoding.UTF8.GetBytes(
        $$"""{"object":"whatsapp_business_account","entry":[{"id":"{{Waba}}","time":1764662400,"changes":[{"value":{{value}},"field":"{{field}}"}]}]}""");
}
