extern alias client;

using System.Net;
using System.Text;
using client::PesanAI.Protos.Conversations.V1;
using Grpc.Health.V1;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PesanAI.Application.Inbound;
using PesanAI.Host.Webhooks;
using PesanAI.Infrastructure.WhatsApp.Webhooks;

namespace PesanAI.FunctionalTests.Inbound;

/// <summary>
/// The acknowledgement comes first and the events after it: a webhook is durable when Meta gets its 200, whichever node
/// runs the processor takes it from there, a node that dies with a claim hands it over without storing anything twice,
/// two processing nodes never share a webhook, the endpoint pushes back with 503 when the backlog passes its bound, and
/// the lag shows in the gRPC health service <c>pesanai.inbound</c>. Each test runs its own host(s) on its own database.
/// </summary>
public sealed class AcknowledgeFirstTests
{
    private static readonly Dictionary<string, string?> ProcessorOff = new() { ["PESANAI_INBOUND_PROCESSOR"] = "false" };
    private static readonly Dictionary<string, string?> ProcessorOn = new() { ["PESANAI_INBOUND_PROCESSOR"] = "true" };

    [Fact]
    public async Task A_webhook_is_durable_at_its_200_and_processed_by_the_node_that_runs_the_processor()
    {
        await using var host = await Host.StartAsync(ProcessorOff);
        var bed = new InboundBed(host.App);
        var tenant = await bed.TenantAsync();
        var body = Body(MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), InboundBed.NewWamid(), "Halo", DateTimeOffset.UtcNow));
        var probe = new InboundQueueProbe(host.App);

        var response = await bed.AcknowledgeAsync(body, tenant.AppSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await probe.PendingAsync(body));
        Assert.Empty((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations);

        // The acknowledging node never processes; a node with the processor on (or this one restarted) does.
        var node = await host.StartNodeAsync(ProcessorOn);
        await probe.UntilProcessedAsync(body);

        Assert.Equal(1, Assert.Single((await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations).MessageCount);
        Assert.Equal((1L, 1L, 0L), node.Services.GetRequiredService<InboundProcessor>().Totals);
    }

    [Fact]
    public async Task A_node_that_dies_after_storing_its_claim_but_before_settling_it_hands_it_over_and_nothing_is_stored_twice()
    {
        await using var host = await Host.StartAsync(ProcessorOff);
        var bed = new InboundBed(host.App);
        var tenant = await bed.TenantAsync();
        var sent = Enumerable.Range(0, 3).Select(i => (InboundBed.NewWaId(), InboundBed.NewWamid(), $"Pesan {i}")).ToArray();
        var body = Body(MetaPayloads.Texts(tenant.PhoneNumberId, sent, DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.OK, (await bed.AcknowledgeAsync(body, tenant.AppSecret)).StatusCode);

        // This node runs the processor's steps by hand: it claims, stores the events, and dies before it settles.
        var services = host.App.Services;
        var claim = (await services.GetRequiredService<IInboundQueue>().ClaimAsync(10, CancellationToken.None))!;
        var (ingest, _) = await services.GetRequiredService<WebhookVerifier>().ResolveAsync(Assert.Single(claim.Webhooks).Raw, CancellationToken.None);
        await using (var scope = services.CreateAsyncScope())
        {
            Assert.Equal(3, (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new IngestWebhookBatch([ingest!]))).Stored);
        }

        // While it holds the claim, another node's processor takes nothing, though the webhook is pending.
        var other = (await host.StartNodeAsync(ProcessorOff)).Services.GetRequiredService<InboundProcessor>();
        Assert.Equal(0, await other.ProcessOnceAsync(CancellationToken.None));
        Assert.Equal(1, await new InboundQueueProbe(host.App).PendingAsync(body));

        // It dies: PostgreSQL ends its session (as after a SIGKILL) and rolls the claim back.
        await TerminateClaimHolderAsync(host.App);
        await UntilAsync(async () => await other.ProcessOnceAsync(CancellationToken.None) == 1);

        Assert.Equal((1L, 0L, 3L), other.Totals);
        Assert.Equal(0, await new InboundQueueProbe(host.App).PendingAsync(body));
        Assert.Equal(3, await MessageKeysAsync(host.App, tenant.TenantId));
        await Quietly(claim.DisposeAsync);
    }

    [Fact]
    public async Task Two_processing_nodes_store_every_message_once_and_never_take_one_webhook_twice()
    {
        await using var host = await Host.StartAsync(new() { ["PESANAI_INBOUND_BATCH"] = "2" });
        var second = await host.StartNodeAsync(new() { ["PESANAI_INBOUND_PROCESSOR"] = "true", ["PESANAI_INBOUND_BATCH"] = "2" });
        var bed = new InboundBed(host.App);
        var tenant = await bed.TenantAsync();

        // 40 webhooks of 5 messages at once; customers recur across webhooks, so processors would collide on them.
        var customers = Enumerable.Range(0, 12).Select(_ => InboundBed.NewWaId()).ToArray();
        var bodies = Enumerable.Range(0, 40)
            .Select(i => Body(MetaPayloads.Texts(
                tenant.PhoneNumberId,
                [.. Enumerable.Range(0, 5).Select(j => (customers[((i * 5) + j) % customers.Length], InboundBed.NewWamid(), $"Pesan {i}.{j}"))],
                DateTimeOffset.UtcNow)))
            .ToList();
        var answers = await Task.WhenAll(bodies.Select(b => bed.AcknowledgeAsync(b, tenant.AppSecret)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var probe = new InboundQueueProbe(host.App);
        foreach (var body in bodies)
        {
            await probe.UntilProcessedAsync(body);
        }

        var first = host.App.Services.GetRequiredService<InboundProcessor>().Totals;
        var other = second.Services.GetRequiredService<InboundProcessor>().Totals;
        Assert.Equal(40, first.Webhooks + other.Webhooks);
        Assert.Equal(200, first.Stored + other.Stored);
        Assert.Equal(0, first.Duplicates + other.Duplicates);
        Assert.Equal(200, await MessageKeysAsync(host.App, tenant.TenantId));
    }

    [Fact]
    public async Task Over_the_backlog_bound_the_endpoint_answers_503_with_retry_after_and_keeps_what_it_accepted()
    {
        await using var host = await Host.StartAsync(new() { ["PESANAI_INBOUND_PROCESSOR"] = "false", ["PESANAI_INBOUND_MAX_BACKLOG_MB"] = "1" });
        var bed = new InboundBed(host.App);
        var tenant = await bed.TenantAsync();
        var probe = new InboundQueueProbe(host.App);

        // Two bodies of ~0.8 MB: the second takes the backlog over 1 MB.
        var large = Enumerable.Range(0, 2)
            .Select(i => Body(MetaPayloads.Texts(
                tenant.PhoneNumberId,
                [.. Enumerable.Range(0, 200).Select(j => (InboundBed.NewWaId(), InboundBed.NewWamid(), new string((char)('a' + j % 26), 4000)))],
                DateTimeOffset.UtcNow)))
            .ToList();
        foreach (var body in large)
        {
            Assert.Equal(HttpStatusCode.OK, (await bed.AcknowledgeAsync(body, tenant.AppSecret)).StatusCode);
        }

        // Once the monitor has read the backlog, further webhooks are refused, not appended.
        var (refused, refusedBody) = await UntilAnsweredAsync(bed, tenant, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(((int)WhatsAppWebhookEndpoints.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Headers.RetryAfter?.ToString());
        Assert.Equal(0, await probe.AppendedAsync(refusedBody));
        foreach (var body in large)
        {
            Assert.Equal(1, await probe.PendingAsync(body));
        }

        // A processing node drains it; then webhooks are accepted again.
        await host.StartNodeAsync(ProcessorOn);
        foreach (var body in large)
        {
            await probe.UntilProcessedAsync(body);
        }

        var (accepted, acceptedBody) = await UntilAnsweredAsync(bed, tenant, HttpStatusCode.OK);
        await probe.UntilProcessedAsync(acceptedBody);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        // Every message of every webhook answered 200 is stored (small ones may have been accepted before the monitor
        // read the backlog); none of those answered 503.
        await host.App.UntilInboundProcessedAsync();
        Assert.Equal(400 + await AppendedSmallAsync(host.App), await MessageKeysAsync(host.App, tenant.TenantId));
    }

    [Fact]
    public async Task The_lag_shows_in_the_inbound_health_service_and_not_in_the_nodes_own()
    {
        await using var host = await Host.StartAsync(new() { ["PESANAI_INBOUND_PROCESSOR"] = "false", ["PESANAI_INBOUND_MAX_LAG_SECONDS"] = "1" });
        var bed = new InboundBed(host.App);
        var tenant = await bed.TenantAsync();
        var health = new Health.HealthClient(host.App.RawChannel());
        var inbound = new HealthCheckRequest { Service = InboundLagHealthCheck.ServiceName };
        await UntilAsync(async () => (await health.CheckAsync(inbound)).Status == HealthCheckResponse.Types.ServingStatus.Serving);

        var body = Body(MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), InboundBed.NewWamid(), "Halo", DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.OK, (await bed.AcknowledgeAsync(body, tenant.AppSecret)).StatusCode);

        await UntilAsync(async () => (await health.CheckAsync(inbound)).Status == HealthCheckResponse.Types.ServingStatus.NotServing);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);

        await host.StartNodeAsync(ProcessorOn);
        await new InboundQueueProbe(host.App).UntilProcessedAsync(body);
        await UntilAsync(async () => (await health.CheckAsync(inbound)).Status == HealthCheckResponse.Types.ServingStatus.Serving);
    }

    private static byte[] Body(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>POSTs small webhooks until one is answered with <paramref name="status"/> (bounded); returns it and its body.</summary>
    private static async Task<(HttpResponseMessage Response, byte[] Body)> UntilAnsweredAsync(InboundBed bed, InboundTenant tenant, HttpStatusCode status)
    {
        var deadline = DateTimeOffset.UtcNow + InboundQueueProbe.Deadline;
        while (true)
        {
            var body = Body(MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), InboundBed.NewWamid(), "lagi", DateTimeOffset.UtcNow));
            var response = await bed.AcknowledgeAsync(body, tenant.AppSecret);
            if (response.StatusCode == status)
            {
                return (response, body);
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"No {(int)status} within {InboundQueueProbe.Deadline.TotalSeconds} s; last {(int)response.StatusCode}.");
            await Task.Delay(50);
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> done)
    {
        var deadline = DateTimeOffset.UtcNow + InboundQueueProbe.Deadline;
        while (!await done())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Not reached within {InboundQueueProbe.Deadline.TotalSeconds} s.");
            await Task.Delay(50);
        }
    }

    /// <summary>Ends the session that holds the processor's claim (the one idle in its transaction after reading the bodies).</summary>
    private static async Task TerminateClaimHolderAsync(PesanAiApp app)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select count(pg_terminate_backend(pid)) from pg_stat_activity
            where datname = current_database() and state like 'idle in transaction%' and query like '%from pesanai.inbound_webhooks where seq = any%'
            """,
            connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    /// <summary>The one-message webhooks appended (the two large ones aside).</summary>
    private static async Task<long> AppendedSmallAsync(PesanAiApp app)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from pesanai.inbound_webhooks where bytes < 100000", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> MessageKeysAsync(PesanAiApp app, string tenantId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from pesanai.mt_doc_inboundmessagekey where tenant_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Disposing what a dead session left (its connection is broken) must not fail the test.</summary>
    private static async Task Quietly(Func<ValueTask> dispose)
    {
        try
        {
            await dispose();
        }
        catch (NpgsqlException)
        {
        }
    }

    /// <summary>A host on its own database, and the further nodes started on it; all stopped at the end.</summary>
    private sealed class Host : IAsyncDisposable
    {
        private readonly List<WebApplication> _nodes = [];

        private Host(PesanAiApp app) => App = app;

        public PesanAiApp App { get; }

        public static async Task<Host> StartAsync(Dictionary<string, string?> settings)
        {
            var app = new PesanAiApp { Settings = settings };
            await app.InitializeAsync();
            return new Host(app);
        }

        public async Task<WebApplication> StartNodeAsync(Dictionary<string, string?> settings)
        {
            var (node, _) = await App.StartAnotherNodeAsync(settings);
            _nodes.Add(node);
            return node;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var node in _nodes)
            {
                await node.StopAsync();
                await node.DisposeAsync();
            }

            await App.DisposeAsync();
        }
    }
}
