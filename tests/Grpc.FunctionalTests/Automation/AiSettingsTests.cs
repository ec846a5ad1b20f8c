extern alias client;

using System.Text;
using System.Text.Json;
using client::PesanAI.Protos.Audit.V1;
using client::PesanAI.Protos.Automation.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Npgsql;
using PesanAI.FunctionalTests.Audit;
using PesanAI.FunctionalTests.Team;
using DayOfWeek = client::PesanAI.Protos.Automation.V1.DayOfWeek;
using TenantsApi = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Automation;

public sealed class AiSettingsTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly TeamBuilder _team = new(app);

    [Fact]
    public async Task A_new_tenant_has_the_defaults_automation_off_and_no_key()
    {
        var (tenantId, owner) = await TenantAsync();

        var settings = await Automation(owner).GetAiSettingsAsync(new GetAiSettingsRequest());

        Assert.False(settings.Enabled);
        Assert.Equal(AiProvider.Embedded, settings.Provider);
        Assert.False(settings.ApiKeySet);
        Assert.False(settings.AllowExternalProcessing);
        Assert.True(settings.Redact);
        Assert.Equal(1000, settings.MaxReplyLength);
        Assert.Equal(0.45, settings.ConfidenceThreshold);
        Assert.Equal(3, settings.MaxConsecutiveReplies);
        Assert.Equal(["agent", "human", "manusia", "cs", "operator", "admin"], settings.HandOffKeywords);
        Assert.Equal(ProviderFailure.Embedded, settings.OnFailure);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromSeconds(10)), settings.Timeout);
        Assert.Null(settings.BusinessHours);
        Assert.Equal((await owner.Tenants.GetTenantAsync(new TenantsApi.GetTenantRequest())).Version, settings.Version);
        Assert.NotEqual(string.Empty, tenantId);
    }

    [Fact]
    public async Task Settings_round_trip_normalized_on_the_tenants_stream_and_saying_them_again_records_nothing()
    {
        var (_, owner) = await TenantAsync();
        var automation = Automation(owner);
        var before = (await automation.GetAiSettingsAsync(new GetAiSettingsRequest())).Version;
        var external = External();

        var updated = await automation.UpdateAiSettingsAsync(new UpdateAiSettingsRequest { Settings = external, ApiKey = "sk-round-trip-1", ExpectedVersion = before });
        var again = await automation.UpdateAiSettingsAsync(new UpdateAiSettingsRequest { Settings = external });

        Assert.True(updated.Enabled);
        Assert.Equal(AiProvider.OpenaiCompatible, updated.Provider);
        Assert.Equal("http://127.0.0.1:9/v1", updated.BaseUrl);
        Assert.Equal("gpt-4o-mini", updated.Model);
        Assert.True(updated.ApiKeySet);
        Assert.Equal("Kamu Sekar, asisten Toko Batik Sekar.", updated.Persona);
        Assert.Equal(500, updated.MaxReplyLength);
        Assert.Equal(["id", "en"], updated.ReplyLanguages);
        Assert.Equal(["agen", "manusia"], updated.HandOffKeywords);
        Assert.Equal(0.5, updated.ConfidenceThreshold);
        Assert.Equal(2, updated.MaxConsecutiveReplies);
        Assert.Equal("Asia/Jakarta", updated.BusinessHours.TimeZone);
        Assert.Equal(
            [(DayOfWeek.Monday, "09:00", "12:00"), (DayOfWeek.Monday, "13:00", "17:00"), (DayOfWeek.Sunday, "10:00", "14:00")],
            updated.BusinessHours.Week.Select(h => (h.Day, h.Opens, h.Closes)));
        Assert.Equal("Kami sedang tutup.", updated.BusinessHours.AwayMessage);

        // An external provider without permission to process customer text outside is allowed: it falls back.
        Assert.False(updated.AllowExternalProcessing);
        Assert.True(updated.Redact);
        Assert.Equal(ProviderFailure.HandOff, updated.OnFailure);
        Assert.Equal("Maaf, kami hanya bisa membaca teks.", updated.UnsupportedTypeReply);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromSeconds(5)), updated.Timeout);
        Assert.Equal(before + 1, updated.Version);
        Assert.Equal(updated, again);
        Assert.Equal(updated, await automation.GetAiSettingsAsync(new GetAiSettingsRequest()));
        Assert.Equal(before + 1, (await owner.Tenants.GetTenantAsync(new TenantsApi.GetTenantRequest())).Version);

        var cleared = await automation.UpdateAiSettingsAsync(new UpdateAiSettingsRequest { Settings = external, ClearApiKey = true });
        Assert.False(cleared.ApiKeySet);
        Assert.Equal(before + 2, cleared.Version);
    }

    [Fact]
    public async Task The_api_key_is_never_returned_stored_only_encrypted_and_kept_out_of_the_audit()
    {
        var (tenantId, owner) = await TenantAsync();
        var automation = Automation(owner);
        var key = "sk-secret-" + Guid.NewGuid().ToString("N");

        var updated = await automation.UpdateAiSettingsAsync(new UpdateAiSettingsRequest { Settings = External(), ApiKey = key });
        var kept = await automation.UpdateAiSettingsAsync(new UpdateAiSettingsRequest { Settings = External(enabled: false) });
        var read = await automation.GetAiSettingsAsync(new GetAiSettingsRequest());

        Assert.True(updated.ApiKeySet);
        Assert.True(kept.ApiKeySet);
        Assert.All(new IMessage[] { updated, kept, read }, m => Assert.DoesNotContain(key, Encoding.UTF8.GetString(m.ToByteArray()), StringComparison.Ordinal));

        var rows = await StoredSettingsEvents(tenantId);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.DoesNotContain(key, row, StringComparison.Ordinal);
            using var stored = JsonDocument.Parse(row);
            Assert.False(string.IsNullOrEmpty(stored.RootElement.GetProperty("settings").GetProperty("protectedApiKey").GetString()));
        });

        var audit = await AuditBed.ReplayAsync(new AuditService.AuditServiceClient(owner.Channel), new ReplayEventsRequest { EventTypes = { "ai_settings_configured" } });
        Assert.Equal(2, audit.Count);
        Assert.All(audit, e =>
        {
            Assert.DoesNotContain(key, e.Data, StringComparison.Ordinal);
            Assert.DoesNotContain("protectedApiKey", e.Data, StringComparison.Ordinal);
            Assert.Contains("gpt-4o-mini", e.Data, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Bad_settings_are_refused_with_every_field_named_and_change_nothing()
    {
        var (_, owner) = await TenantAsync();
        var automation = Automation(owner);
        var before = await automation.GetAiSettingsAsync(new GetAiSettingsRequest());
        var bad = new AiSettings
        {
            Provider = AiProvider.Ollama,
            BaseUrl = "ftp://models.example",
            Persona = new string('p', 4001),
            MaxReplyLength = 5000,
            ReplyLanguages = { "bahasa indonesia" },
            HandOffKeywords = { "agen", " ", new string('k', 51) },
            ConfidenceThreshold = 1.5,
            MaxConsecutiveReplies = 0,
            BusinessHours = new BusinessHours
            {
                TimeZone = "Mars/Olympus",
                Week = { new OpeningHours { Day = DayOfWeek.Monday, Opens = "17:00", Closes = "09:00" } },
            },
            UnsupportedTypeReply = new string('u', 4097),
            Timeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(61)),
        };

        var badRequest = await RpcAssert.InvalidArgument(() => automation.UpdateAiSettingsAsync(new UpdateAiSettingsRequest { Settings = bad }).ResponseAsync);
        var noEndpoint = await RpcAssert.InvalidArgument(() => automation.UpdateAiSettingsAsync(new UpdateAiSettingsRequest
        {
            Settings = new AiSettings { Provider = AiProvider.OpenaiCompatible, HandOffKeywords = { "agen" } },
            ApiKey = "sk-x",
            ClearApiKey = true,
        }).ResponseAsync);
        var badTimes = await RpcAssert.InvalidArgument(() => automation.UpdateAiSettingsAsync(new UpdateAiSettingsRequest
        {
            Settings = new AiSettings
            {
                HandOffKeywords = { "agen" },
                BusinessHours = new BusinessHours { TimeZone = "Asia/Jakarta", AwayMessage = "Tutup", Week = { new OpeningHours { Day = DayOfWeek.Friday, Opens = "9 pagi", Closes = "25:00" } } },
            },
        }).ResponseAsync);
        var missing = await RpcAssert.InvalidArgument(() => automation.UpdateAiSettingsAsync(new UpdateAiSettingsRequest()).ResponseAsync);

        Assert.Equal(
            [
                "settings.base_url", "settings.model", "settings.persona", "settings.max_reply_length", "settings.reply_languages[0]",
                "settings.hand_off_keywords[1]", "settings.hand_off_keywords[2]", "settings.confidence_threshold",
                "settings.max_consecutive_replies", "settings.business_hours.time_zone", "settings.business_hours.week[0].closes",
                "settings.business_hours.away_message", "settings.unsupported_type_reply", "settings.timeout",
            ],
            badRequest.FieldViolations.Select(v => v.Field));
        Assert.Equal(["settings.base_url", "settings.model", "clear_api_key"], noEndpoint.FieldViolations.Select(v => v.Field));
        Assert.Equal(["settings.business_hours.week[0].opens", "settings.business_hours.week[0].closes"], badTimes.FieldViolations.Select(v => v.Field));
        Assert.Equal("settings", Assert.Single(missing.FieldViolations).Field);
        Assert.Equal(before, await automation.GetAiSettingsAsync(new GetAiSettingsRequest()));
    }

    [Fact]
    public async Task A_stale_expected_version_is_aborted()
    {
        var (_, owner) = await TenantAsync();
        var automation = Automation(owner);
        var version = (await automation.GetAiSettingsAsync(new GetAiSettingsRequest())).Version;
        await owner.Tenants.UpdateBusinessProfileAsync(new TenantsApi.UpdateBusinessProfileRequest { BusinessProfile = new TenantsApi.BusinessProfile { About = "Batik tulis" } });

        await RpcAssert.WithReason(StatusCode.Aborted, "VERSION_CONFLICT", () => automation.UpdateAiSettingsAsync(
            new UpdateAiSettingsRequest { Settings = External(), ExpectedVersion = version }).ResponseAsync);
        Assert.False((await automation.GetAiSettingsAsync(new GetAiSettingsRequest())).Enabled);
    }

    [Fact]
    public async Task An_agent_may_neither_read_nor_change_the_settings()
    {
        var (tenantId, _) = await TenantAsync();
        var agent = await _team.MemberCaller(tenantId, TenantsApi.MemberRole.Agent);

        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Automation(agent).GetAiSettingsAsync(new GetAiSettingsRequest()).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => Automation(agent).UpdateAiSettingsAsync(new UpdateAiSettingsRequest { Settings = External() }).ResponseAsync);
    }

    private static AutomationService.AutomationServiceClient Automation(Caller caller) => new(caller.Channel);

    private static AiSettings External(bool enabled = true) => new()
    {
        Enabled = enabled,
        Provider = AiProvider.OpenaiCompatible,
        BaseUrl = " http://127.0.0.1:9/v1 ",
        Model = "gpt-4o-mini",
        Persona = " Kamu Sekar, asisten Toko Batik Sekar. ",
        MaxReplyLength = 500,
        ReplyLanguages = { "ID", " en", "id" },
        HandOffKeywords = { " Agen ", "manusia", "AGEN" },
        ConfidenceThreshold = 0.5,
        MaxConsecutiveReplies = 2,
        BusinessHours = new BusinessHours
        {
            TimeZone = "Asia/Jakarta",
            Week =
            {
                new OpeningHours { Day = DayOfWeek.Sunday, Opens = "10:00", Closes = "14:00" },
                new OpeningHours { Day = DayOfWeek.Monday, Opens = "13:00", Closes = "17:00" },
                new OpeningHours { Day = DayOfWeek.Monday, Opens = "09:00", Closes = "12:00" },
            },
            AwayMessage = " Kami sedang tutup. ",
        },
        AllowExternalProcessing = false,
        OnFailure = ProviderFailure.HandOff,
        UnsupportedTypeReply = "Maaf, kami hanya bisa membaca teks.",
        Timeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)),
    };

    private async Task<(string TenantId, Caller Owner)> TenantAsync()
    {
        var tenant = await _team.Tenant("Toko Batik Sekar");
        return (tenant.Id, await _team.MemberCaller(tenant.Id, TenantsApi.MemberRole.Owner));
    }

    /// <summary>The stored rows of the tenant's ai_settings_configured events, as PostgreSQL holds them.</summary>
    private async Task<List<string>> StoredSettingsEvents(string tenantId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select data::text from pesanai.mt_events where stream_id = @stream and type = 'ai_settings_configured' order by seq_id",
            connection);
        command.Parameters.AddWithValue("stream", Guid.Parse(tenantId));
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
