using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PesanAI.Host.Webhooks;

namespace PesanAI.FunctionalTests.Inbound;

public sealed class RetentionAndPreferenceTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly InboundBed _bed = new(app);

    [Fact]
    public async Task Raw_payloads_are_kept_and_purged_once_their_retention_ran_out()
    {
        var tenant = await _bed.TenantAsync();
        var oldWamid = InboundBed.NewWamid();
        var newWamid = InboundBed.NewWamid();
        await _bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), oldWamid, "lama", DateTimeOffset.UtcNow), tenant.AppSecret);
        await _bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), newWamid, "baru", DateTimeOffset.UtcNow), tenant.AppSecret);
        Assert.Equal(1, await Scalar($"select count(*) from {Raw} where {BodyHas(oldWamid)} and processed_at is not null"));
        await Scalar($"update {Raw} set received_at = now() - interval '31 days' where {BodyHas(oldWamid)}");

        var retention = app.Services.GetServices<IHostedService>().OfType<RawWebhookRetention>().Single();
        await retention.PurgeOnceAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromDays(30), retention.Retention);
        Assert.Equal(0, await Scalar($"select count(*) from {Raw} where {BodyHas(oldWamid)}"));
        Assert.Equal(1, await Scalar($"select count(*) from {Raw} where {BodyHas(newWamid)}"));
    }

    [Fact]
    public async Task A_pending_raw_webhook_is_kept_past_its_retention_until_it_is_processed()
    {
        var tenant = await _bed.TenantAsync();
        var wamid = InboundBed.NewWamid();
        await _bed.PostAsync(MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), wamid, "tertunda", DateTimeOffset.UtcNow), tenant.AppSecret);

        // As if the processor had not reached it in 31 days: the purge must not drop an unprocessed body.
        await Scalar($"update {Raw} set received_at = now() - interval '31 days', processed_at = null, retry_at = now() + interval '1 hour' where {BodyHas(wamid)}");
        await app.Services.GetServices<IHostedService>().OfType<RawWebhookRetention>().Single().PurgeOnceAsync(CancellationToken.None);

        Assert.Equal(1, await Scalar($"select count(*) from {Raw} where {BodyHas(wamid)}"));
        await Scalar($"update {Raw} set processed_at = now(), retry_at = null where {BodyHas(wamid)}");
    }

    private const string Raw = "pesanai.inbound_webhooks";

    private static string BodyHas(string text) => $"position('{text}'::bytea in body) > 0";

    [Fact]
    public async Task A_user_preferences_report_is_stored_once_per_customer_however_often_it_is_delivered()
    {
        var tenant = await _bed.TenantAsync();
        var fixture = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MetaFixtures", "user_preferences.json"))
            .Replace("106540352242922", tenant.PhoneNumberId, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await _bed.PostAsync(fixture, tenant.AppSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _bed.PostAsync(fixture, tenant.AppSecret)).StatusCode);

        Assert.Equal(2, await Scalar($"select count(*) from pesanai.mt_doc_customerpreferencerecord where tenant_id = '{tenant.TenantId}'"));
        Assert.Equal(1, await Scalar($"select count(*) from pesanai.mt_doc_customerpreferencerecord where tenant_id = '{tenant.TenantId}' and data->>'value' = 'stop'"));
    }

    [Fact]
    public async Task A_template_status_update_routes_by_its_waba_and_is_stored_once()
    {
        var tenant = await _bed.Team.Tenant("Toko Templat");
        var waba = TenantLifecycleTests.NewPhoneNumberId();
        var registration = TenantLifecycleTests.Registration(tenant.Id, TenantLifecycleTests.NewPhoneNumberId());
        registration.WabaId = waba;
        await _bed.Team.Operator.RegisterPhoneNumberAsync(registration);
        var fixture = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MetaFixtures", "template_approved.json"))
            .Replace("102290129340398", waba, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await _bed.PostAsync(fixture, registration.AppSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _bed.PostAsync(fixture, registration.AppSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _bed.PostAsync(fixture, "not-the-secret")).StatusCode);

        Assert.Equal(1, await Scalar($"select count(*) from pesanai.mt_doc_templatestatusrecord where tenant_id = '{tenant.Id}' and data->'report'->>'event' = 'APPROVED'"));
    }

    private async Task<long> Scalar(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var result = await command.ExecuteScalarAsync();
        return result is long count ? count : 0;
    }
}
