using PesanAI.Domain.Common;
using PesanAI.Domain.Conversations;

namespace PesanAI.Domain.Messaging;

/// <summary>Where a queued message stands on its way to Meta.</summary>
public enum SendState
{
    Queued = 1,

    /// <summary>An attempt is recorded without an outcome: in flight now, or cut off by a crash.</summary>
    Attempting = 2,
    Deferred = 3,
    InDoubt = 4,
    Accepted = 5,
    Failed = 6,
}

public sealed record OutboundProgress(SendState State, int Attempts, string? Wamid)
{
    public static OutboundProgress Queued { get; } = new(SendState.Queued, 0, null);

    public OutboundProgress Evolve(object @event) => @event switch
    {
        SendAttempted e => this with { State = Settled ? State : SendState.Attempting, Attempts = Math.Max(Attempts, e.Attempt) },
        SendDeferred => Settled ? this : this with { State = SendState.Deferred },
        SendInDoubt => Settled ? this : this with { State = SendState.InDoubt },
        MessageAccepted e => this with { State = SendState.Accepted, Wamid = e.Wamid },
        MessageFailed => State == SendState.Accepted ? this : this with { State = SendState.Failed },
        _ => this,
    };

    public bool Settled => State is SendState.Accepted or SendState.Failed;
}

/// <summary>What one HTTP attempt to Meta came to.</summary>
public abstract record SendOutcome
{
    public sealed record Accepted(string Wamid) : SendOutcome;

    /// <summary>Provably not received by Meta (connection refused, a rate limit): safe to try again.</summary>
    public sealed record NotReached(MessageError Error, TimeSpan RetryAfter) : SendOutcome;

    /// <summary>Meta answered with an error: final.</summary>
    public sealed record Refused(MessageError Error) : SendOutcome;

    /// <summary>Meta may have accepted it (timeout, 5xx, dropped connection): never resent blindly.</summary>
    public sealed record InDoubt(string Reason) : SendOutcome;
}

/// <summary>
/// The dispatcher's decisions. Meta has no idempotency key, so a message is sent again only when the earlier
/// attempt provably did not reach Meta; every other unclear end is recorded as in doubt for the status webhooks
/// (which carry PesanAI's message id back) or a person to settle.
/// </summary>
public static class DispatchDecider
{
    /// <summary>The error title of a message a person gave up while it was in doubt.</summary>
    public const string AbandonedInDoubt = "ABANDONED_IN_DOUBT";

    /// <summary>Before the HTTP call. An attempt found without an outcome (a crash mid-send) is in doubt, not repeated.</summary>
    public static IReadOnlyList<object> Attempt(Guid conversationId, Guid messageId, OutboundProgress progress, DateTimeOffset now) => progress.State switch
    {
        SendState.Queued or SendState.Deferred => [new SendAttempted(conversationId, messageId, progress.Attempts + 1, now)],
        SendState.Attempting => [new SendInDoubt(conversationId, messageId, progress.Attempts, "an attempt without a recorded outcome (the dispatcher stopped mid-send)", now)],
        _ => [],
    };

    public static IReadOnlyList<object> Outcome(
        Guid conversationId, Guid messageId, int attempt, SendOutcome outcome, int maxAttempts, DateTimeOffset now) => outcome switch
    {
        SendOutcome.Accepted a => [new MessageAccepted(conversationId, messageId, a.Wamid, now)],
        SendOutcome.NotReached n when attempt < maxAttempts => [new SendDeferred(conversationId, messageId, attempt, n.Error, now + n.RetryAfter, now)],
        SendOutcome.NotReached n => [new MessageFailed(conversationId, messageId, n.Error with { Details = $"gave up after {attempt} attempts" }, now)],
        SendOutcome.Refused r => [new MessageFailed(conversationId, messageId, r.Error, now)],
        SendOutcome.InDoubt d => [new SendInDoubt(conversationId, messageId, attempt, d.Reason, now)],
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    /// <summary>
    /// A person settles an in-doubt message by hand (no status webhook came): it ends failed, given up or resent as
    /// <paramref name="resentAs"/>, with the person's note. Only an in-doubt message: any other state is Meta's or
    /// the dispatcher's to settle.
    /// </summary>
    public static IReadOnlyList<object> Abandon(
        Guid conversationId, Guid messageId, OutboundProgress progress, Guid? resentAs, string? note, DateTimeOffset now)
    {
        EnsureInDoubt(progress);
        var details = resentAs is { } copy ? $"resent as message {copy:D}" : "given up by a person";
        return [new MessageFailed(conversationId, messageId, new MessageError(0, AbandonedInDoubt, string.IsNullOrEmpty(note) ? null : note, details), now)];
    }

    public static void EnsureInDoubt(OutboundProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.State != SendState.InDoubt)
        {
            throw new DomainException("NOT_IN_DOUBT", $"The message is {progress.State}, not in doubt: only an in-doubt message is settled by hand.");
        }
    }

    /// <summary>A status webhook named the message (by its callback data) with a wamid: Meta has it.</summary>
    public static IReadOnlyList<object> Settle(Guid conversationId, Guid messageId, OutboundProgress progress, string wamid, DateTimeOffset now) =>
        progress.State is SendState.Accepted ? [] : [new MessageAccepted(conversationId, messageId, wamid, now)];
}
