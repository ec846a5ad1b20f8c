extern alias client;

using System.Net.Http.Json;
using Grpc.Core;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using PesanAI.Application.Media;
using Npgsql;
using PesanAI.Domain.Conversations;

namespace PesanAI.FunctionalTests.Media;

/// <summary>
/// A node that stored the message but never fetched its file (it stopped, crashed, or does not fetch): the fetch stays
/// listed in the database and the next node that fetches does it, once, however many nodes start.
/// </summary>
public sealed class MediaRestartTests(MediaRestartTests.NoFetchApp fixture) : IClassFixture<MediaRestartTests.NoFetchApp>
{
    private readonly MediaBed _bed = new(fixture.App);

    [Fact]
    public async Task A_file_not_fetched_before_the_node_went_away_is_stored_once_by_the_nodes_after_it()
    {
        var tenant = await _bed.Messaging.TenantAsync();
        var photo = MediaBed.Bytes(64_000, seed: 9);
        var wamid = await _bed.CustomerSendsAsync(tenant, Inbound.InboundBed.NewWaId(), "image", photo, "image/jpeg");
        var mediaId = Guid.Parse(MediaBed.MediaIdOf(wamid));
        await UntilListedAsync(mediaId);
        var media = MediaBed.MediaOf(tenant);
        var pending = await Assert.ThrowsAsync<RpcException>(() => MediaBed.DownloadAsync(media, mediaId.ToString()));
        RpcAssert.Reason(pending, StatusCode.FailedPrecondition, "MEDIA_PENDING");

        // Two fetching nodes start at once: the lease per file lets one of them fetch it.
        var nodes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => fixture.App.StartAnotherNodeAsync(new Dictionary<string, string?>())));
        try
        {
            var (info, bytes, error) = await MediaBed.UntilFetchedAsync(media, mediaId.ToString());

            Assert.Null(error);
            Assert.Equal(photo, bytes);
            Assert.Equal(1, await _bed.EventCountAsync<MediaStored>(tenant.TenantId, info!.ConversationId, e => e.MediaId == mediaId));
            Assert.Equal(0, await ListedCountAsync(mediaId));
        }
        finally
        {
            foreach (var (node, _) in nodes)
            {
                await node.StopAsync();
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Two_fetches_of_one_file_at_once_store_it_once()
    {
        // What two nodes would do if a lease were lost with its connection while the first fetch still ran.
        var tenant = await _bed.Messaging.TenantAsync();
        var photo = MediaBed.Bytes(300_000, seed: 13);
        var wamid = await _bed.CustomerSendsAsync(tenant, Inbound.InboundBed.NewWaId(), "image", photo, "image/png");
        var mediaId = Guid.Parse(MediaBed.MediaIdOf(wamid));
        await UntilListedAsync(mediaId);
        var blobsBefore = await MediaProbe.StoredBlobCountAsync(fixture.App);

        // Both load the pending file before either commits: Meta answers each after a second, the second fetch starts
        // a fifth of a second after the first, so they commit apart (not in one race on the stream's version).
        using var emulator = fixture.App.Emulator();
        (await emulator.PutAsJsonAsync("/_emulator/faults", new Dictionary<string, object> { [MediaFaults.LatencyMs] = 1000 })).EnsureSuccessStatusCode();
        MediaState?[] states;
        try
        {
            var first = FetchAsync(tenant.TenantId, mediaId);
            await Task.Delay(200);
            states = await Task.WhenAll(first, FetchAsync(tenant.TenantId, mediaId));
        }
        finally
        {
            (await emulator.PutAsJsonAsync("/_emulator/faults", new { })).EnsureSuccessStatusCode();
        }

        Assert.Equal([MediaState.Stored, null], states.OrderBy(x => x is null).ToArray());
        var (info, bytes, error) = await MediaBed.UntilFetchedAsync(MediaBed.MediaOf(tenant), mediaId.ToString());
        Assert.Null(error);
        Assert.Equal(photo, bytes);
        Assert.Equal(1, await _bed.EventCountAsync<MediaStored>(tenant.TenantId, info!.ConversationId, e => e.MediaId == mediaId));
        Assert.Equal(blobsBefore + 1, await MediaProbe.StoredBlobCountAsync(fixture.App));
    }

    /// <summary>One fetch through the host's mediator: its state, or null when it lost to another fetch at commit.</summary>
    private async Task<MediaState?> FetchAsync(string tenantId, Guid mediaId)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        try
        {
            return (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new FetchInboundMedia(Guid.Parse(tenantId), mediaId, 0))).State;
        }
        catch (Exception ex) when (PesanAI.Application.Common.LostRace.Is(ex))
        {
            return null;
        }
    }

    private async Task UntilListedAsync(Guid mediaId)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (await ListedCountAsync(mediaId) == 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the ingest never listed the fetch");
            await Task.Delay(20);
        }
    }

    private async Task<long> ListedCountAsync(Guid mediaId)
    {
        await using var connection = new NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from pesanai.media_fetches where media_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = mediaId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public sealed class NoFetchApp : IAsyncLifetime
    {
        public PesanAiApp App { get; } = new() { Settings = new Dictionary<string, string?>
        {
            ["PESANAI_MEDIA_FETCH_ENABLED"] = "false",

            // The staggered fetches wait a second for Meta: on a loaded machine more than the tests' usual 2 s timeout.
            ["PESANAI_GRAPH_API_TIMEOUT_SECONDS"] = "10",
        } };

        public Task InitializeAsync() => App.InitializeAsync();

        public Task DisposeAsync() => App.DisposeAsync();
    }
}
