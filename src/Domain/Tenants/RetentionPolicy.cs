using PesanAI.Domain.Common;

namespace PesanAI.Domain.Tenants;

/// <summary>The kinds of a tenant's data that are kept for a period of their own.</summary>
public enum RetentionKind
{
    MessageContent = 1,
    Media = 2,
    WebhookBodies = 3,
    AiRecords = 4,
    AccessRecords = 5,
}

/// <summary>
/// How long each kind of a tenant's data is kept, counted from when it was stored; null: kept until erased (raw
/// webhook bodies: the platform's retention). <see cref="Default"/> sets none.
/// </summary>
public sealed record RetentionPolicy(
    TimeSpan? MessageContent,
    TimeSpan? Media,
    TimeSpan? WebhookBodies,
    TimeSpan? AiRecords,
    TimeSpan? AccessRecords)
{
    public static RetentionPolicy Default { get; } = new(null, null, null, null, null);

    public TimeSpan? PeriodOf(RetentionKind kind) => kind switch
    {
        RetentionKind.MessageContent => MessageContent,
        RetentionKind.Media => Media,
        RetentionKind.WebhookBodies => WebhookBodies,
        RetentionKind.AiRecords => AiRecords,
        RetentionKind.AccessRecords => AccessRecords,
        _ => null,
    };
}

/// <summary>A period refused by <see cref="RetentionRules"/>: the field as the API names it, and what is wrong.</summary>
public sealed record RetentionProblem(string Field, string Description);

/// <summary>The rules a retention policy obeys: each period unset, or whole days from one day to ten years.</summary>
public static class RetentionRules
{
    public static readonly TimeSpan Min = TimeSpan.FromDays(1);
    public static readonly TimeSpan Max = TimeSpan.FromDays(3650);

    /// <summary>Every problem of the policy; <paramref name="prefix"/> goes before each field name (<c>policy.</c>).</summary>
    public static IEnumerable<RetentionProblem> Check(RetentionPolicy policy, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(policy);
        foreach (var (field, period) in Fields(policy))
        {
            if (period is { } p && (p < Min || p > Max || p.Ticks % TimeSpan.TicksPerDay != 0))
            {
                yield return new RetentionProblem(prefix + field, $"must be whole days from {Min.TotalDays:0} to {Max.TotalDays:0} (or unset: kept until erased)");
            }
        }
    }

    public static IEnumerable<(string Field, TimeSpan? Period)> Fields(RetentionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        yield return ("message_content", policy.MessageContent);
        yield return ("media", policy.Media);
        yield return ("webhook_bodies", policy.WebhookBodies);
        yield return ("ai_records", policy.AiRecords);
        yield return ("access_records", policy.AccessRecords);
    }

    public static void Ensure(RetentionPolicy policy)
    {
        if (Check(policy).FirstOrDefault() is { } problem)
        {
            throw new DomainException("RETENTION_OUT_OF_RANGE", $"{problem.Field} {problem.Description}.");
        }
    }
}
