namespace PesanAI.Domain.Tenants;

/// <summary>How the health events change a number's or an account's health (pure; part of <see cref="Tenant.Evolve"/>).</summary>
internal static class NumberHealthEvolution
{
    public static NumberHealth Apply(NumberHealth health, object @event) => @event switch
    {
        PhoneNumberHealthChecked e => health with
        {
            QualityRating = e.QualityRating ?? health.QualityRating,
            QualityUpdatedAt = Changed(health.QualityRating, e.QualityRating) ? e.CheckedAt : health.QualityUpdatedAt,
            ThroughputLevel = e.ThroughputLevel ?? health.ThroughputLevel,
            ThroughputUpdatedAt = Changed(health.ThroughputLevel, e.ThroughputLevel) || (e.SharedWithBusinessApp is { } shared && shared != health.SharedWithBusinessApp)
                ? e.CheckedAt
                : health.ThroughputUpdatedAt,
            SharedWithBusinessApp = e.SharedWithBusinessApp ?? health.SharedWithBusinessApp,
            NameStatus = e.NameStatus ?? health.NameStatus,
            Status = e.Status ?? health.Status,
            CheckedAt = e.CheckedAt,
            CheckFailure = null,
        },
        PhoneNumberHealthCheckFailed e => health with { CheckFailure = e.Reason },
        PhoneNumberQualityUpdated e => Quality(health, e),
        _ => health,
    };

    public static AccountHealth Apply(AccountHealth account, object @event) => @event switch
    {
        MessagingLimitChanged e => account with { MessagingLimitTier = e.Tier, MessagingLimitUpdatedAt = e.At },
        AccountRestrictionsChanged e => account with { Restrictions = [.. e.Restrictions], RestrictionsUpdatedAt = e.At },
        AccountBanStateChanged e => account with { BanState = e.BanState, BanStateUpdatedAt = e.At },
        AccountViolationReported e => account with { LastViolation = e.ViolationType, LastViolationAt = e.At },
        _ => account,
    };

    /// <summary>The throughput level a quality event sets, if any: THROUGHPUT_UPGRADE raises it, a downgrade lowers it.</summary>
    public static string? ThroughputAfter(string metaEvent) => metaEvent.ToUpperInvariant() switch
    {
        "THROUGHPUT_UPGRADE" => "HIGH",
        "THROUGHPUT_DOWNGRADE" or "DOWNGRADE" => "STANDARD",
        _ => null,
    };

    private static NumberHealth Quality(NumberHealth health, PhoneNumberQualityUpdated e)
    {
        var level = ThroughputAfter(e.Event);
        var flagged = e.Event.ToUpperInvariant() switch
        {
            "FLAGGED" => true,
            "UNFLAGGED" => false,
            _ => health.Flagged,
        };
        return health with
        {
            ThroughputLevel = level ?? health.ThroughputLevel,
            ThroughputUpdatedAt = Changed(health.ThroughputLevel, level) ? e.At : health.ThroughputUpdatedAt,
            Flagged = flagged,
            LastEvent = e.Event,
            LastEventAt = e.At,
        };
    }

    private static bool Changed(string? before, string? after) => after is not null && !string.Equals(before, after, StringComparison.Ordinal);
}
