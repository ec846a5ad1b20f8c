using PesanAI.Domain.Conversations;

namespace PesanAI.Domain.UnitTests.Conversations;

/// <summary>
/// Compares by content where record equality compares by reference: <see cref="Conversation.Labels"/> (an
/// ImmutableArray compares its underlying array), <see cref="Conversation.OutboundStatuses"/> and
/// <see cref="ConversationLabelsSet.Labels"/>.
/// </summary>
internal static class ConversationAssert
{
    public static void Equivalent(Conversation expected, Conversation actual)
    {
        Assert.Equal<string>(expected.Labels, actual.Labels);
        Assert.Equal(
            expected.OutboundStatuses.OrderBy(p => p.Key, StringComparer.Ordinal),
            actual.OutboundStatuses.OrderBy(p => p.Key, StringComparer.Ordinal));

        // With the collections checked element by element, borrow them so record equality covers every other member.
        Assert.Equal(expected, actual with { Labels = expected.Labels, OutboundStatuses = expected.OutboundStatuses });
    }

    public static void LabelsSet(ConversationLabelsSet expected, object actual)
    {
        var set = Assert.IsType<ConversationLabelsSet>(actual);
        Assert.Equal<string>(expected.Labels, set.Labels);
        Assert.Equal(expected, set with { Labels = expected.Labels });
    }
}
