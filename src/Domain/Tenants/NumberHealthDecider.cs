namespace PesanAI.Domain.Tenants;

/// <summary>What <c>GET /{phone-number-id}</c> answered (values as Meta spells them; null: left out).</summary>
public sealed record PhoneNumberSnapshot(
    string? QualityRating,
    string? ThroughputLevel,
    bool? SharedWithBusinessApp,
    string? NameStatus,
    string? Status,
    string? MessagingLimitTier);

/// <summary>An <c>account_update</c> as far as PesanAI acts on it; the other events (PARTNER_*, ...) carry none of these.</summary>
public sealed record AccountUpdate(string Event, IReadOnlyList<AccountRestriction>? Restrictions, string? ViolationType, string? BanState);

/// <summary>
/// Pure decisions over Meta's reports about a tenant's numbers and accounts. They are facts, so a suspended tenant
/// records them too. A report that changes nothing (a redelivery) records nothing; one about a number or WABA the
/// tenant does not have records nothing either (the caller logs it).
/// </summary>
public static class NumberHealthDecider
{
    public static IReadOnlyList<object> Checked(Tenant state, string phoneNumberId, PhoneNumberSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (state.FindPhoneNumber(phoneNumberId) is not { } number)
        {
            return [];
        }

        var events = new List<object>
        {
            new PhoneNumberHealthChecked(
                state.Id, phoneNumberId, Clean(snapshot.QualityRating), Clean(snapshot.ThroughputLevel), snapshot.SharedWithBusinessApp,
                Clean(snapshot.NameStatus), Clean(snapshot.Status), now),
        };
        events.AddRange(Limit(state, number.WabaId, snapshot.MessagingLimitTier, now));
        return events;
    }

    public static IReadOnlyList<object> CheckFailed(Tenant state, string phoneNumberId, string reason, DateTimeOffset now) =>
        state.FindPhoneNumber(phoneNumberId) is null ? [] : [new PhoneNumberHealthCheckFailed(state.Id, phoneNumberId, reason, now)];

    /// <summary>
    /// <c>phone_number_quality_update</c>: names the number by its display number under the WABA; the limit is
    /// <c>max_daily_conversations_per_business</c>, else the older <c>current_limit</c>.
    /// </summary>
    public static IReadOnlyList<object> QualityUpdated(Tenant state, string wabaId, string? displayPhoneNumber, string? metaEvent, string? limitTier, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var events = new List<object>();
        var number = FindByDisplay(state, wabaId, displayPhoneNumber);
        if (number is not null && Clean(metaEvent) is { } eventName)
        {
            var quality = new PhoneNumberQualityUpdated(state.Id, number.PhoneNumberId, eventName, now);
            var after = NumberHealthEvolution.Apply(number.Health, quality);
            if (after with { LastEventAt = number.Health.LastEventAt, ThroughputUpdatedAt = number.Health.ThroughputUpdatedAt } != number.Health)
            {
                events.Add(quality);
            }
        }

        events.AddRange(Limit(state, wabaId, limitTier, now));
        return events;
    }

    /// <summary><c>business_capability_update</c>: <c>max_daily_conversations_per_business</c> for the WABA.</summary>
    public static IReadOnlyList<object> CapabilityUpdated(Tenant state, string wabaId, string? limitTier, DateTimeOffset now) =>
        Limit(state, wabaId, limitTier, now);

    /// <summary><c>account_update</c>: restrictions, violations and the ban state of the WABA.</summary>
    public static IReadOnlyList<object> AccountUpdated(Tenant state, string wabaId, AccountUpdate update, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(update);
        if (!state.PhoneNumbers.Exists(p => p.WabaId == wabaId))
        {
            return [];
        }

        var account = state.FindAccount(wabaId) ?? new AccountHealth(wabaId);
        var events = new List<object>();
        var isRestriction = string.Equals(update.Event, "ACCOUNT_RESTRICTION", StringComparison.OrdinalIgnoreCase);
        if (update.Restrictions is not null || isRestriction)
        {
            var current = update.Restrictions ?? [];
            if (!current.SequenceEqual(account.Restrictions))
            {
                events.Add(new AccountRestrictionsChanged(state.Id, wabaId, [.. current], now));
            }
        }

        if (Clean(update.ViolationType) is { } violation)
        {
            events.Add(new AccountViolationReported(state.Id, wabaId, violation, now));
        }

        if (Clean(update.BanState) is { } ban && !string.Equals(ban, account.BanState, StringComparison.Ordinal))
        {
            events.Add(new AccountBanStateChanged(state.Id, wabaId, ban, now));
        }

        return events;
    }

    private static IReadOnlyList<object> Limit(Tenant state, string wabaId, string? tier, DateTimeOffset now)
    {
        if (Clean(tier) is not { } value || !state.PhoneNumbers.Exists(p => p.WabaId == wabaId)
            || state.FindAccount(wabaId)?.MessagingLimitTier == value)
        {
            return [];
        }

        return [new MessagingLimitChanged(state.Id, wabaId, value, now)];
    }

    private static RegisteredPhoneNumber? FindByDisplay(Tenant state, string wabaId, string? displayPhoneNumber)
    {
        var digits = Digits(displayPhoneNumber);
        return digits.Length == 0 ? null : state.PhoneNumbers.Find(p => p.WabaId == wabaId && Digits(p.DisplayPhoneNumber) == digits);
    }

    private static string Digits(string? value) => value is null ? string.Empty : string.Concat(value.Where(char.IsAsciiDigit));

    /// <summary>Meta's values upper-cased and trimmed, at most 64 characters (a value is a word, never free text); blank is null.</summary>
    private static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.ToUpperInvariant()[..Math.Min(trimmed.Length, 64)];
    }
}
