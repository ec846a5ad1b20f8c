using Npgsql;
using PesanAI.Application.Common;

namespace PesanAI.Infrastructure.UnitTests.Common;

/// <summary>The one race classifier: what the write path, the ingest and the retries count as a race lost to another writer.</summary>
public sealed class LostRaceTests
{
    private static PostgresException Postgres(string sqlState) => new("refused", "ERROR", "ERROR", sqlState);

    private static Exception Wrapped(string sqlState) => new InvalidOperationException("wrapped", Postgres(sqlState));

    [Fact]
    public void A_unique_violation_is_a_lost_race_bare_or_wrapped()
    {
        Assert.True(LostRace.Is(Postgres(PostgresErrorCodes.UniqueViolation)));
        Assert.True(LostRace.Is(Wrapped(PostgresErrorCodes.UniqueViolation)));
        Assert.False(LostRace.Is(Wrapped(PostgresErrorCodes.CharacterNotInRepertoire)));
    }

    [Fact]
    public void A_batch_is_a_lost_race_only_when_every_failure_in_it_is()
    {
        Assert.True(LostRace.Is(new AggregateException(Wrapped(PostgresErrorCodes.UniqueViolation), Wrapped(PostgresErrorCodes.UniqueViolation))));
        Assert.False(LostRace.Is(new AggregateException(Wrapped(PostgresErrorCodes.UniqueViolation), Wrapped(PostgresErrorCodes.CharacterNotInRepertoire))));
    }

    [Fact]
    public void A_conflict_is_a_lost_race_when_it_wraps_one_but_a_stale_version_is_not()
    {
        Assert.True(LostRace.Is(new ConcurrencyConflictException("changed concurrently", Wrapped(PostgresErrorCodes.UniqueViolation))));
        Assert.False(LostRace.Is(new ConcurrencyConflictException("at version 3, not 2")));
    }

    [Fact]
    public async Task Retry_runs_again_after_a_lost_race_and_stops_at_the_limit()
    {
        var runs = 0;
        var result = await LostRace.RetryAsync<int>(3, attempt =>
        {
            runs++;
            return attempt < 3 ? throw Wrapped(PostgresErrorCodes.UniqueViolation) : Task.FromResult(attempt);
        });
        Assert.Equal((3, 3), (result, runs));

        runs = 0;
        var exhausted = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => LostRace.RetryAsync<int>(
            2,
            _ =>
            {
                runs++;
                throw Wrapped(PostgresErrorCodes.UniqueViolation);
            },
            ex => new ConcurrencyConflictException("kept changing", ex)));
        Assert.Equal(2, runs);
        Assert.IsType<InvalidOperationException>(exhausted.InnerException);
    }

    [Fact]
    public async Task Retry_does_not_run_again_after_another_failure()
    {
        var runs = 0;
        await Assert.ThrowsAsync<TimeoutException>(() => LostRace.RetryAsync<int>(3, _ =>
        {
            runs++;
            throw new TimeoutException();
        }));
        Assert.Equal(1, runs);
    }
}
