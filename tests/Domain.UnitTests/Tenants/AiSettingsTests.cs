using PesanAI.Domain.Automation;
using PesanAI.Domain.Tenants;
using PesanAI.Domain.UnitTests.Conversations;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Tenants;

public sealed class AiSettingsTests
{
    private static readonly AiSettings External = AiSettings.Default with
    {
        Enabled = true,
        Provider = AiProvider.OpenAiCompatible,
        BaseUrl = " https://llm.example/v1 ",
        Model = " gpt-4o-mini ",
        HandOffKeywords = [" Agen ", "agen", "CS"],
        ReplyLanguages = ["ID", "en"],
        Hours = new BusinessHours(
            "Asia/Jakarta",
            [new(DayOfWeek.Sunday, new(10, 0), new(14, 0)), new(DayOfWeek.Monday, new(9, 0), new(17, 0))],
            " Kami tutup. "),
    };

    [Fact]
    public void A_new_tenant_has_the_default_settings()
    {
        Assert.Same(AiSettings.Default, Given().Ai);
    }

    [Fact]
    public void Configuring_records_the_normalized_settings_with_the_protected_key_and_the_tenant_carries_them()
    {
        var events = AiSettingsDecider.Configure(Given(), External, new ApiKeyChange("protected-1", Clear: false), Now);

        var configured = Assert.IsType<AiSettingsConfigured>(Assert.Single(events));
        Assert.Equal("https://llm.example/v1", configured.Settings.BaseUrl);
        Assert.Equal("gpt-4o-mini", configured.Settings.Model);
        Assert.Equal(["agen", "cs"], configured.Settings.HandOffKeywords);
        Assert.Equal(["id", "en"], configured.Settings.ReplyLanguages);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Sunday], configured.Settings.Hours!.Week.Select(h => h.Day));
        Assert.Equal("Kami tutup.", configured.Settings.Hours.AwayMessage);
        Assert.Equal("protected-1", configured.Settings.ProtectedApiKey);
        var tenant = Given(configured);
        Assert.Same(configured.Settings, tenant.Ai);
        Assert.Equal(Now, tenant.UpdatedAt);
    }

    [Fact]
    public void The_key_is_kept_without_a_new_one_replaced_by_a_new_one_and_removed_when_cleared()
    {
        var tenant = Given(AiSettingsDecider.Configure(Given(), External, new ApiKeyChange("protected-1", false), Now).ToArray());

        var kept = AiSettingsDecider.Configure(tenant, External with { Enabled = false, ProtectedApiKey = "ignored" }, ApiKeyChange.Keep, Now);
        var replaced = AiSettingsDecider.Configure(tenant, External, new ApiKeyChange("protected-2", false), Now);
        var cleared = AiSettingsDecider.Configure(tenant, External, new ApiKeyChange(null, Clear: true), Now);

        Assert.Equal("protected-1", Assert.IsType<AiSettingsConfigured>(Assert.Single(kept)).Settings.ProtectedApiKey);
        Assert.Equal("protected-2", Assert.IsType<AiSettingsConfigured>(Assert.Single(replaced)).Settings.ProtectedApiKey);
        Assert.Null(Assert.IsType<AiSettingsConfigured>(Assert.Single(cleared)).Settings.ProtectedApiKey);
        Assert.Equal("API_KEY_CONFLICT", Refused(() => AiSettingsDecider.Configure(tenant, External, new ApiKeyChange("k", Clear: true), Now)).Reason);
    }

    [Fact]
    public void Configuring_the_same_settings_again_records_nothing()
    {
        var tenant = Given(AiSettingsDecider.Configure(Given(), External, new ApiKeyChange("protected-1", false), Now).ToArray());

        Assert.Empty(AiSettingsDecider.Configure(tenant, External with { HandOffKeywords = ["agen", "cs"] }, ApiKeyChange.Keep, Now));
        Assert.Empty(AiSettingsDecider.Configure(Given(), AiSettings.Default, ApiKeyChange.Keep, Now));
    }

    [Theory]
    [InlineData("BASE_URL_REQUIRED")]
    [InlineData("MODEL_REQUIRED")]
    [InlineData("MAX_REPLY_LENGTH_OUT_OF_RANGE")]
    [InlineData("THRESHOLD_OUT_OF_RANGE")]
    [InlineData("MAX_CONSECUTIVE_REPLIES_OUT_OF_RANGE")]
    [InlineData("HANDOFF_KEYWORD_REQUIRED")]
    [InlineData("TIME_ZONE_INVALID")]
    [InlineData("OPENING_HOURS_INVALID")]
    [InlineData("AWAY_MESSAGE_INVALID")]
    [InlineData("TIMEOUT_OUT_OF_RANGE")]
    public void The_decider_enforces_every_rule_again(string reason)
    {
        var bad = reason switch
        {
            "BASE_URL_REQUIRED" => External with { BaseUrl = null },
            "MODEL_REQUIRED" => External with { Provider = AiProvider.Ollama, Model = " " },
            "MAX_REPLY_LENGTH_OUT_OF_RANGE" => External with { MaxReplyLength = AiSettings.MetaTextLimit + 1 },
            "THRESHOLD_OUT_OF_RANGE" => External with { ConfidenceThreshold = double.NaN },
            "MAX_CONSECUTIVE_REPLIES_OUT_OF_RANGE" => External with { MaxConsecutiveReplies = 0 },
            "HANDOFF_KEYWORD_REQUIRED" => External with { HandOffKeywords = [] },
            "TIME_ZONE_INVALID" => External with { Hours = External.Hours! with { TimeZone = "WIB" } },
            "OPENING_HOURS_INVALID" => External with { Hours = External.Hours! with { Week = [new(DayOfWeek.Friday, new(13, 0), new(13, 0))] } },
            "AWAY_MESSAGE_INVALID" => External with { Hours = External.Hours! with { AwayMessage = new string('a', AiSettings.MetaTextLimit + 1) } },
            _ => External with { Timeout = TimeSpan.FromMilliseconds(999) },
        };

        Assert.Equal(reason, Refused(() => AiSettingsDecider.Configure(Given(), bad, ApiKeyChange.Keep, Now)).Reason);
    }

    [Fact]
    public void An_external_provider_may_be_configured_without_permission_to_send_customer_text_out()
    {
        Assert.Single(AiSettingsDecider.Configure(Given(), External with { AllowExternalProcessing = false }, ApiKeyChange.Keep, Now));
    }

    [Fact]
    public void A_suspended_tenant_changes_no_settings()
    {
        Assert.Equal("TENANT_SUSPENDED", Refused(() => AiSettingsDecider.Configure(Given(Suspended()), External, ApiKeyChange.Keep, Now)).Reason);
    }

    [Fact]
    public void The_event_round_trips_as_Marten_stores_it()
    {
        var configured = Assert.IsType<AiSettingsConfigured>(Assert.Single(AiSettingsDecider.Configure(Given(), External, new ApiKeyChange("protected-1", false), Now)));

        var stored = MartenJson.RoundTrip(configured);

        Assert.True(AiSettingsRules.Same(configured.Settings, stored.Settings));
        Assert.Equal((configured.TenantId, configured.ConfiguredAt), (stored.TenantId, stored.ConfiguredAt));
    }
}
