using System.Globalization;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Application.Knowledge;

/// <summary>
/// A dry run's decision in words a business can act on: which entry answered, or why none did and what to change
/// (add an entry, add the customer's words to one, tell two apart). Names entries by their question, never the message.
/// </summary>
public static class ReplyExplanation
{
    public static string Of(KnowledgeReply reply, double threshold)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var first = reply.Candidates.Count > 0 ? reply.Candidates[0] : null;
        var second = reply.Candidates.Count > 1 ? reply.Candidates[1] : null;
        var decision = reply.Decision;
        return decision.Reason switch
        {
            ReplyReasons.Matched => Format($"Answered with \"{first?.Question}\": confidence {decision.Confidence:0.00}, at or above the threshold {threshold:0.00}."),
            ReplyReasons.HandOffKeyword => "The customer asked for a person: handed off whatever the knowledge base holds.",
            ReplyReasons.EmptyKnowledgeBase => "The knowledge base has no entries yet: add some (ImportEntries or UpsertEntry).",
            ReplyReasons.Ambiguous when first is not null && second is not null =>
                Format($"\"{first.Question}\" and \"{second.Question}\" match about equally: make their questions distinct, or merge them into one entry."),
            ReplyReasons.LowMargin when first is not null =>
                Format($"The closest entry, \"{first.Question}\", reached confidence {decision.Confidence:0.00}, under the threshold {threshold:0.00}")
                + (second is null ? string.Empty : Format($"; \"{second.Question}\" comes close behind it"))
                + ": if it answers this question, add the customer's words to its question or tags; otherwise add an entry for it.",
            _ => first is null
                ? "No entry shares the message's words: add an entry that answers it."
                : Format($"No entry matches well enough (the closest, \"{first.Question}\", explains {first.Coverage:P0} of the message's words): add an entry that answers it, or the customer's words to the entry that does."),
        };
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
