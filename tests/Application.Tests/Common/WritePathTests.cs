using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Tests.Common;

/// <summary>The one write path (Application/Common) on a real store: a lost race is decided again, a stale version is not.</summary>
public sealed class WritePathTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly StreamKind<Tenant> Tenants = new(
        "tenant",
        (state, e) => state is null ? (e is TenantCreated created ? Tenant.Start(created) : null) : state.Evolve(e),
        (state, version) => state with { Version = version })
    {
        Missing = id => new NotFoundException("tenant", id.ToString()),
    };

    /// <summary>A tenant as CreateTenant starts it: one TenantCreated at version 1.</summary>
    private async Task<Guid> TenantAsync(string name)
    {
        var id = Guid.CreateVersion7();
        await using var session = fixture.Store.LightweightSession();
        session.Events.StartStream<Tenant>(id, TenantDecider.Create(id, name, "Asia/Jakarta", "id", DateTimeOffset.UtcNow));
        await session.SaveChangesAsync();
        return id;
    }

    [Fact]
    public async Task A_write_that_loses_a_race_is_decided_again_and_returns_the_final_state_once()
    {
        var tenantId = await TenantAsync("Jalur Tulis");
        var store = fixture.Store;
        var decisions = 0;

        var after = await LostRace.RetryAsync(3, async attempt =>
        {
            await using var session = store.LightweightSession();
            var stream = await session.FetchForWritingAsync(Tenants, tenantId, null, CancellationToken.None);
            if (attempt == 1)
            {
                // Another writer commits between this one's read and its save.
                await using var other = store.LightweightSession();
                await other.UpdateAsync(Tenants, tenantId, null, t => [new TenantSuspended(t!.Id, "race", DateTimeOffset.UtcNow)], CancellationToken.None);
            }

            decisions++;
            return await session.CommitAsync(Tenants, stream, [new TenantReactivated(tenantId, DateTimeOffset.UtcNow)], CancellationToken.None);
        });

        Assert.Equal(2, decisions);
        Assert.Equal((3L, TenantStatus.Active), (after!.Version, after.Status));
        await using var query = store.QuerySession();
        var events = await query.Events.FetchStreamAsync(tenantId);
        Assert.Equal(new[] { typeof(TenantCreated), typeof(TenantSuspended), typeof(TenantReactivated) }, events.Select(e => e.EventType));
    }

    [Fact]
    public async Task A_stale_expected_version_is_aborted_without_deciding_or_retrying()
    {
        var tenantId = await TenantAsync("Versi Lama");
        var store = fixture.Store;
        var decisions = 0;

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => LostRace.RetryAsync(3, async _ =>
        {
            await using var session = store.LightweightSession();
            return await session.UpdateAsync(
                Tenants,
                tenantId,
                expectedVersion: 7,
                _ =>
                {
                    decisions++;
                    return [new TenantSuspended(tenantId, "stale", DateTimeOffset.UtcNow)];
                },
                CancellationToken.None);
        }));

        Assert.Equal(0, decisions);
        Assert.Contains("at version 1, not 7", conflict.Message, StringComparison.Ordinal);
        Assert.Null(conflict.InnerException);
    }

    [Fact]
    public async Task A_missing_stream_of_a_kind_that_requires_one_is_not_found()
    {
        await using var session = fixture.Store.LightweightSession();

        await Assert.ThrowsAsync<NotFoundException>(() => session.UpdateAsync(Tenants, Guid.CreateVersion7(), null, _ => [], CancellationToken.None));
    }
}
