extern alias client;

using System.Text;
using client::PesanAI.Protos.Operations.V1;

namespace PesanAI.FunctionalTests.Inbound;

/// <summary>GetInboundBacklog on a node that only acknowledges (its processor off): what Meta was answered 200 for waits, and the lag shows it.</summary>
public sealed class InboundBacklogTests(InboundBacklogTests.AcknowledgeOnlyApp fixture) : IClassFixture<InboundBacklogTests.AcknowledgeOnlyApp>
{
    [Fact]
    public async Task An_acknowledged_webhook_waits_in_the_backlog_with_its_bytes_and_age()
    {
        var bed = new InboundBed(fixture.App);
        var tenant = await bed.TenantAsync();
        var inbound = new InboundService.InboundServiceClient(fixture.App.OperatorChannel());
        var empty = await inbound.GetInboundBacklogAsync(new GetInboundBacklogRequest());
        var body = Encoding.UTF8.GetBytes(MetaPayloads.Text(tenant.PhoneNumberId, InboundBed.NewWaId(), InboundBed.NewWamid(), "tunggu", DateTimeOffset.UtcNow));

        var response = await bed.AcknowledgeAsync(body, tenant.AppSecret);
        var backlog = await UntilAsync(inbound, b => b.PendingWebhooks >= 1);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((0L, 0L, TimeSpan.Zero), (empty.PendingWebhooks, empty.PendingBytes, empty.Lag.ToTimeSpan()));
        Assert.Null(empty.OldestPendingReceiveTime);
        Assert.Equal(1, backlog.PendingWebhooks);
        Assert.Equal(body.Length, backlog.PendingBytes);
        Assert.NotNull(backlog.OldestPendingReceiveTime);
        Assert.True(backlog.Lag.ToTimeSpan() > TimeSpan.Zero);
        Assert.Equal(backlog.ReadTime.ToDateTimeOffset() - backlog.OldestPendingReceiveTime.ToDateTimeOffset(), backlog.Lag.ToTimeSpan());
        Assert.Equal(0, backlog.ParkedWebhooks);
        Assert.Equal(1, await new InboundQueueProbe(fixture.App).PendingAsync(body));
    }

    /// <summary>Reads the backlog until it shows what the test waits for.</summary>
    private static async Task<InboundBacklog> UntilAsync(InboundService.InboundServiceClient inbound, Func<InboundBacklog, bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + InboundQueueProbe.Deadline;
        while (true)
        {
            var backlog = await inbound.GetInboundBacklogAsync(new GetInboundBacklogRequest());
            if (condition(backlog))
            {
                return backlog;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"The backlog stayed at {backlog}.");
            await Task.Delay(50);
        }
    }

    public sealed class AcknowledgeOnlyApp : IAsyncLifetime
    {
        public PesanAiApp App { get; } = new() { Settings = new Dictionary<string, string?> { ["PESANAI_INBOUND_PROCESSOR"] = "false" } };

        public Task InitializeAsync() => App.InitializeAsync();

        public Task DisposeAsync() => App.DisposeAsync();
    }
}
