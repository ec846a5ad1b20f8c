using System.Collections.Immutable;
using PesanAI.Domain.Common;

namespace PesanAI.Domain.Conversations;

/// <summary>
/// Labels are a set used for filtering: trimmed, lower-cased (invariant culture, so "VIP" and "vip" are one label),
/// distinct and sorted ordinally, so that setting the same labels in another order or case changes nothing.
/// </summary>
public static class ConversationLabels
{
    public const int MaxCount = 20;

    /// <summary>In UTF-16 code units, after trimming.</summary>
    public const int MaxLength = 50;

    public static ImmutableArray<string> Normalize(IReadOnlyList<string> labels)
    {
        var normalized = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            var trimmed = label?.Trim() ?? string.Empty;
            if (trimmed.Length == 0)
            {
                throw new DomainException("LABEL_EMPTY", "A label needs at least one visible character.");
            }

            if (trimmed.Length > MaxLength)
            {
                throw new DomainException("LABEL_TOO_LONG", $"A label has at most {MaxLength} characters.");
            }

            normalized.Add(trimmed.ToLowerInvariant());
        }

        return normalized.Count > MaxCount
            ? throw new DomainException("TOO_MANY_LABELS", $"A conversation has at most {MaxCount} labels.")
            : [.. normalized];
    }
}
