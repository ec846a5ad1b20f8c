using PesanAI.Domain.Conversations;
using static PesanAI.Domain.UnitTests.Conversations.ConversationHistory;

namespace PesanAI.Domain.UnitTests.Conversations;

public sealed class LabelTests
{
    [Fact]
    public void Labels_are_trimmed_lower_cased_deduplicated_and_sorted()
    {
        var events = ConversationDecider.SetLabels(Given(), ["  VIP ", "refund", "vip", "Batik Tulis"], Now);

        ConversationAssert.LabelsSet(new ConversationLabelsSet(ConversationId, ["batik tulis", "refund", "vip"], Now), Assert.Single(events));
    }

    [Fact]
    public void Setting_the_same_labels_in_another_order_or_case_emits_nothing()
    {
        var state = Given(new ConversationLabelsSet(ConversationId, ["refund", "vip"], StartedAt));

        Assert.Empty(ConversationDecider.SetLabels(state, ["VIP", " refund"], Now));
    }

    [Fact]
    public void Setting_no_labels_clears_them_once()
    {
        var state = Given(new ConversationLabelsSet(ConversationId, ["vip"], StartedAt));

        var events = ConversationDecider.SetLabels(state, [], Now);

        ConversationAssert.LabelsSet(new ConversationLabelsSet(ConversationId, [], Now), Assert.Single(events));
        Assert.Empty(Fold(state, events)!.Labels);
        Assert.Empty(ConversationDecider.SetLabels(Given(), [], Now));
    }

    [Fact]
    public void Twenty_distinct_labels_are_allowed_and_duplicates_do_not_count()
    {
        var labels = Enumerable.Range(1, 20).Select(i => $"label-{i}").Append("LABEL-1").ToList();

        var events = ConversationDecider.SetLabels(Given(), labels, Now);

        Assert.Equal(20, Assert.IsType<ConversationLabelsSet>(Assert.Single(events)).Labels.Count);
    }

    [Fact]
    public void Twenty_one_distinct_labels_are_refused()
    {
        var labels = Enumerable.Range(1, 21).Select(i => $"label-{i}").ToList();

        Assert.Equal("TOO_MANY_LABELS", Refused(() => ConversationDecider.SetLabels(Given(), labels, Now)).Reason);
    }

    [Fact]
    public void A_label_of_fifty_characters_after_trimming_is_allowed_and_of_fifty_one_refused()
    {
        Assert.Single(ConversationDecider.SetLabels(Given(), [$"  {new string('a', 50)}  "], Now));
        Assert.Equal("LABEL_TOO_LONG", Refused(() => ConversationDecider.SetLabels(Given(), [new string('a', 51)], Now)).Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t ")]
    public void A_blank_label_is_refused(string blank)
    {
        Assert.Equal("LABEL_EMPTY", Refused(() => ConversationDecider.SetLabels(Given(), ["vip", blank], Now)).Reason);
    }

    [Fact]
    public void Labels_on_a_closed_conversation_are_allowed()
    {
        var closed = Given(new ConversationClosed(ConversationId, StartedAt));

        var labelled = Fold(closed, ConversationDecider.SetLabels(closed, ["follow-up"], Now))!;

        Assert.Equal<string>(["follow-up"], labelled.Labels);
        Assert.Equal(ConversationState.Closed, labelled.State);
    }
}
