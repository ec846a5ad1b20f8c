using Npgsql;
using PesanAI.Application.Common;
using PesanAI.Infrastructure.Persistence;

namespace PesanAI.Infrastructure.UnitTests.Common;

/// <summary>The retry on a lost race, asking the classifier that start-up installs (PostgresFailureClassifierTests tests it).</summary>
public sealed class LostRaceTests
{
    public LostRaceTests() => StoreFailureClassifier.Install(new PostgresFailureClassifier());

    private static PostgresException Postgres(string sqlState) => new("refused", "ERROR", "ERROR", sqlState);

    private static Exception Wrapped(string sqlState) => new InvalidOperationException("wrapped", Postgres(sqlState));

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

    [Fact]
    public void LostRace_and_StoreFailures_ask_the_installed_classifier_and_a_second_kind_is_refused()
    {
        Assert.IsType<PostgresFailureClassifier>(StoreFailureClassifier.Installed);
        Assert.True(LostRace.Is(Wrapped(PostgresErrorCodes.UniqueViolation)));
        Assert.True(Application.Inbound.StoreFailures.IsRetryable(Wrapped(PostgresErrorCodes.UniqueViolation)));
        Assert.Equal("PostgreSQL " + PostgresErrorCodes.SerializationFailure, Application.Inbound.StoreFailures.Reason(Wrapped(PostgresErrorCodes.SerializationFailure)));

        Assert.Throws<InvalidOperationException>(() => StoreFailureClassifier.Install(new NothingIsARace()));
        Assert.IsType<PostgresFailureClassifier>(StoreFailureClassifier.Installed);
    }

    private sealed class NothingIsARace : IStoreFailureClassifier
    {
        public bool IsLostRace(Exception exception) => false;

        public bool IsTransient(Exception exception) => false;

        public string Reason(Exception exception) => string.Empty;
    }
}
