using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PesanAI.Application.Common;

namespace PesanAI.FunctionalTests;

/// <summary>Application's PostgreSQL ports as the host wires them, on a real server: locks make writers take turns, leases keep others out.</summary>
public sealed class PostgresPortsTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_held_lease_keeps_others_out_until_it_is_released()
    {
        var leases = app.Services.GetRequiredService<ILeases>();
        var key = Random.Shared.NextInt64();

        await using (var held = await leases.TryTakeAsync(key, CancellationToken.None))
        {
            Assert.NotNull(held);
            Assert.Null(await leases.TryTakeAsync(key, CancellationToken.None));
        }

        await using var again = await leases.TryTakeAsync(key, CancellationToken.None);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task A_transaction_lock_holds_the_next_transaction_until_the_first_ends()
    {
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var locks = app.Services.GetRequiredService<ITransactionLocks>();
        var tenant = Guid.NewGuid().ToString();
        var key = Random.Shared.NextInt64(1, int.MaxValue); // below 2^31: pg_locks shows it as objid, classid 0

        await using var second = store.LightweightSession(tenant);
        Task waiting;
        await using (var first = store.LightweightSession(tenant))
        {
            await first.BeginTransactionAsync(CancellationToken.None);
            await locks.TakeAsync(first, key, CancellationToken.None);
            await second.BeginTransactionAsync(CancellationToken.None);
            waiting = locks.TakeAsync(second, key, CancellationToken.None);

            // PostgreSQL itself says the second one waits for the key.
            var deadline = DateTimeOffset.UtcNow + Patience;
            while (await WaitersAsync(store, key) == 0)
            {
                Assert.True(DateTimeOffset.UtcNow < deadline, "The second transaction never waited for the lock.");
                await Task.Delay(20);
            }

            Assert.False(waiting.IsCompleted);
        }

        // Ending the first transaction (rolled back with its session) released the lock.
        await waiting.WaitAsync(Patience);
    }

    private static async Task<long> WaitersAsync(IDocumentStore store, long key)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from pg_locks where locktype = 'advisory' and not granted and classid = 0 and objid::text::bigint = $1 and objsubid = 1",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }
}
