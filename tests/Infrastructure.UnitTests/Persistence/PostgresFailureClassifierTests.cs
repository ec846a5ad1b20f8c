using Npgsql;
using PesanAI.Application.Common;
using PesanAI.Infrastructure.Persistence;

namespace PesanAI.Infrastructure.UnitTests.Persistence;

/// <summary>The one race classifier: what the write path, the ingest and the retries count as a race lost to another writer.</summary>
public sealed class PostgresFailureClassifierTests
{
    private static readonly PostgresFailureClassifier Classifier = new();

    private static PostgresException Postgres(string sqlState) => new("refused", "ERROR", "ERROR", sqlState);

    private static Exception Wrapped(string sqlState) => new InvalidOperationException("wrapped", Postgres(sqlState));

    [Fact]
    public void A_unique_violation_is_a_lost_race_bare_or_wrapped()
    {
        Assert.True(Classifier.IsLostRace(Postgres(PostgresErrorCodes.UniqueViolation)));
        Assert.True(Classifier.IsLostRace(Wrapped(PostgresErrorCodes.UniqueViolation)));
        Assert.False(Classifier.IsLostRace(Wrapped(PostgresErrorCodes.CharacterNotInRepertoire)));
    }

    [Fact]
    public void A_batch_is_a_lost_race_only_when_every_failure_in_it_is()
    {
        Assert.True(Classifier.IsLostRace(new AggregateException(Wrapped(PostgresErrorCodes.UniqueViolation), Wrapped(PostgresErrorCodes.UniqueViolation))));
        Assert.False(Classifier.IsLostRace(new AggregateException(Wrapped(PostgresErrorCodes.UniqueViolation), Wrapped(PostgresErrorCodes.CharacterNotInRepertoire))));
    }

    [Fact]
    public void A_conflict_is_a_lost_race_when_it_wraps_one_but_a_stale_version_is_not()
    {
        Assert.True(Classifier.IsLostRace(new ConcurrencyConflictException("changed concurrently", Wrapped(PostgresErrorCodes.UniqueViolation))));
        Assert.False(Classifier.IsLostRace(new ConcurrencyConflictException("at version 3, not 2")));
    }

    [Fact]
    public void The_reason_is_the_sql_state_never_the_message()
    {
        var reason = Classifier.Reason(new AggregateException(Wrapped(PostgresErrorCodes.UntranslatableCharacter)));

        Assert.Equal("PostgreSQL " + PostgresErrorCodes.UntranslatableCharacter, reason);
        Assert.Equal(nameof(TimeoutException), Classifier.Reason(new TimeoutException("text that may quote data")));
    }
}
