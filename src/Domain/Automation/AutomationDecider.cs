using PesanAI.Domain.Conversations;

namespace PesanAI.Domain.Automation;

/// <summary>Why the AI did (or did not do) something: stable codes recorded with AiReplied, AiHandedOff and AiSuppressed.</summary>
public static class AutomationReasons
{
    public const string Away = "OUTSIDE_BUSINESS_HOURS";
    public const string AwayAlreadySent = "AWAY_ALREADY_SENT";
    public const string HumanHandling = "HUMAN_HANDLING";
    public const string WindowClosed = "WINDOW_CLOSED";
    public const string OptedOut = "OPTED_OUT";
    public const string Superseded = "SUPERSEDED";
    public const string UnsupportedType = "UNSUPPORTED_TYPE";
    public const string CannedReply = "CANNED_REPLY";
    public const string ReplyLimit = "CONSECUTIVE_REPLY_LIMIT";
    public const string ConversationClosed = "CONVERSATION_CLOSED";
}

/// <summary>What the AI should do with a customer message before any model is asked.</summary>
public abstract record AutomationStep
{
    /// <summary>Already decided (a replayed or redelivered event): nothing to record.</summary>
    public sealed record Skip : AutomationStep;

    public sealed record Suppress(string Reason) : AutomationStep;

    public sealed record HandOff(string Reason) : AutomationStep;

    /// <summary>A fixed text (the away message, the canned answer for other message types).</summary>
    public sealed record Reply(string Text, string Reason) : AutomationStep;

    /// <summary>Ask the responder.</summary>
    public sealed record Ask : AutomationStep;
}

/// <summary>
/// The rules around the AI, pure: it answers only when automation is on for a conversation that automation (not a
/// person) handles, inside the window, for a customer who did not opt out of automation, on the newest message (two
/// quick messages get one reply), text or an interactive reply; outside business hours it sends the away message once
/// per conversation per day (also with the AI off); after the tenant's limit of consecutive replies it hands off.
/// </summary>
public static class AutomationDecider
{
    private static readonly HashSet<string> Answerable = ["text", "interactive", "button"];

    public static AutomationStep Before(
        Conversation state, MessageReceived trigger, AiSettings settings, bool optedOutOfAutomation, bool newerCustomerMessage, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(settings);
        return state switch
        {
            _ when state.LastAiTrigger == trigger.Wamid => new AutomationStep.Skip(),

            // Meta's notices (a changed number or user id) are not the customer writing: nothing to answer or hand off.
            _ when trigger.Content.System is not null => new AutomationStep.Skip(),

            // With the AI off, business hours still send the away message; nothing else is decided or recorded.
            _ when !settings.Enabled => AwayOnly(state, settings, optedOutOfAutomation, newerCustomerMessage, now),
            _ when newerCustomerMessage => new AutomationStep.Suppress(AutomationReasons.Superseded),
            { State: ConversationState.Closed } => new AutomationStep.Suppress(AutomationReasons.ConversationClosed),
            { Handler: Handler.Human } => new AutomationStep.Suppress(AutomationReasons.HumanHandling),
            _ when !state.IsWindowOpen(now) => new AutomationStep.Suppress(AutomationReasons.WindowClosed),
            _ when optedOutOfAutomation => new AutomationStep.Suppress(AutomationReasons.OptedOut),
            _ when settings.Hours is { } hours && !hours.IsOpen(now) => state.AwaySentOn == hours.DayOf(now)
                ? new AutomationStep.Suppress(AutomationReasons.AwayAlreadySent)
                : new AutomationStep.Reply(hours.AwayMessage, AutomationReasons.Away),

            _ when !Answerable.Contains(trigger.Content.Type) => settings.UnsupportedTypeReply is { Length: > 0 } canned
                ? new AutomationStep.Reply(canned, AutomationReasons.CannedReply)
                : new AutomationStep.HandOff(AutomationReasons.UnsupportedType),
            _ when state.ConsecutiveAiReplies >= settings.MaxConsecutiveReplies => new AutomationStep.HandOff(AutomationReasons.ReplyLimit),
            _ => new AutomationStep.Ask(),
        };
    }

    private static AutomationStep AwayOnly(Conversation state, AiSettings settings, bool optedOut, bool newer, DateTimeOffset now) =>
        settings.Hours is { } hours && !hours.IsOpen(now) && state.AwaySentOn != hours.DayOf(now)
            && !newer && state.State != ConversationState.Closed && state.Handler != Handler.Human && state.IsWindowOpen(now) && !optedOut
            ? new AutomationStep.Reply(hours.AwayMessage, AutomationReasons.Away)
            : new AutomationStep.Skip();

    /// <summary>The text the AI reads from a customer message (interactive and button replies by their titles).</summary>
    public static string? TextOf(MessageContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return content.Type switch
        {
            "text" => content.Text,
            "interactive" => content.Interactive?.Title,
            "button" => content.Button?.Text,
            _ => null,
        };
    }
}
