extern alias client;

using Marten;
using Microsoft.Extensions.DependencyInjection;
using PesanAI.Application.Media;
using PesanAI.Application.Privacy;
using PesanAI.FunctionalTests.Media;
using MediaType = client::PesanAI.Protos.Messaging.V1.MediaType;

namespace PesanAI.FunctionalTests.Privacy;

/// <summary>
/// An erasure whose node died after its transaction but before the media store confirmed the deletion leaves the file
/// listed as to delete: the next node to start deletes it.
/// </summary>
public sealed class MediaErasureSweepTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    [Fact]
    public async Task Bytes_an_erasure_left_behind_are_deleted_by_the_next_node_to_start()
    {
        var tenant = await new MediaBed(app).Messaging.TenantAsync();
        var uploaded = await MediaBed.UploadAsync(MediaBed.MediaOf(tenant), MediaType.Image, "image/png", MediaBed.Bytes(5_000, seed: 21));
        var tenantId = Guid.Parse(tenant.TenantId);
        var store = app.Services.GetRequiredService<IDocumentStore>();
        string key;
        await using (var session = store.QuerySession(tenant.TenantId))
        {
            key = (await session.LoadAsync<MediaItem>(Guid.Parse(uploaded.MediaId)))!.StoreKey!;
        }

        // The state a crash right after the erasure's commit leaves: the bytes, and the row that lists them.
        var pending = new PendingMediaErasure(Guid.CreateVersion7(), tenantId, key, DateTimeOffset.UtcNow);
        await using (var session = store.LightweightSession())
        {
            session.Store(pending);
            await session.SaveChangesAsync();
        }

        var media = app.Services.GetRequiredService<IMediaStore>();
        await (await media.OpenReadAsync(tenantId, key, CancellationToken.None)).DisposeAsync();
        var (node, _) = await app.StartAnotherNodeAsync(new Dictionary<string, string?>());
        try
        {
            var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
            while (await PendingAsync(store, pending.Id) && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.False(await PendingAsync(store, pending.Id));
            await Assert.ThrowsAsync<MediaMissingException>(() => media.OpenReadAsync(tenantId, key, CancellationToken.None));
        }
        finally
        {
            await node.StopAsync();
            await node.DisposeAsync();
        }
    }

    private static async Task<bool> PendingAsync(IDocumentStore store, Guid id)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<PendingMediaErasure>(id) is not null;
    }
}
