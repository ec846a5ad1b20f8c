namespace PesanAI.Application.Tests.Media;

[Collection(MediaStoresCollection.Name)]
public sealed class TenantMediaKeysTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task Concurrent_first_uses_on_several_nodes_agree_on_one_key()
    {
        var tenant = Guid.NewGuid();
        var nodes = Enumerable.Range(0, 8).Select(_ => PostgresMediaStoreTests.NewKeys(fixture.Store)).ToList();

        var keys = await Task.WhenAll(nodes.Select(node => Task.Run(() => node.GetOrCreateAsync(tenant, default))));

        Assert.Single(keys.Select(k => k.Id).Distinct());
        Assert.Single(keys.Select(k => Convert.ToBase64String(k.Key)).Distinct());
        Assert.Equal(32, keys[0].Key.Length);
    }

    [Fact]
    public async Task A_destroyed_key_is_gone_and_the_next_use_makes_another()
    {
        var tenant = Guid.NewGuid();
        var keys = PostgresMediaStoreTests.NewKeys(fixture.Store);
        var first = await keys.GetOrCreateAsync(tenant, default);

        await keys.DestroyAsync(tenant, default);

        Assert.Null(await keys.FindAsync(tenant, default));
        Assert.NotEqual(first.Id, (await keys.GetOrCreateAsync(tenant, default)).Id);
    }

    /// <summary>Marten's schema management sees the media tables as it made them: a restart changes nothing.</summary>
    [Fact]
    public async Task The_media_tables_need_no_change_once_created() =>
        await fixture.Store.Storage.Database.AssertDatabaseMatchesConfigurationAsync();
}
