extern alias client;

using Grpc.Core;
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

    private async Task UntilListedAsync(Guid mediaId)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (await ListedCountAsync(mediaId) == 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the media feed never listed the fetch");
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
        public PesanAiApp App { get; } = new() { Settings = new Dictionary<string, string?> { ["PESANAI_MEDIA_FETCH_ENABLED"] = "false" } };

        public Task InitializeAsync() => App.InitializeAsync();

        public Task DisposeAsync() => App.DisposeAsync();
    }
}
