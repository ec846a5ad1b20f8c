using PesanAI.Domain.Knowledge;

namespace PesanAI.Domain.UnitTests.Knowledge;

public sealed class ReplyDeciderTests
{
    private static readonly Guid Hours = Guid.NewGuid();
    private static readonly Guid Address = Guid.NewGuid();

    private static ReplyCandidate C(Guid entryId, double score, double coverage) => new(entryId, score, coverage);

    private static ReplyDecision Decide(string text, params ReplyCandidate[] candidates) =>
        ReplyDecider.Decide(text, candidates, ReplyPolicy.Default, entryCount: 30);

    [Fact]
    public void A_clear_best_match_answers()
    {
        var decision = Decide("toko buka jam berapa?", C(Hours, 20, 1.0), C(Address, 6, 0.3));

        Assert.Equal(ReplyKind.Reply, decision.Kind);
        Assert.Equal(ReplyReasons.Matched, decision.Reason);
        Assert.Equal([Hours], decision.EntryIds);
        Assert.Equal(1 - (6 * 0.3 / 20), decision.Confidence, 3);
    }

    [Theory]
    [InlineData("mau bicara dengan admin")]
    [InlineData("Bisa sambung ke CS?")]
    [InlineData("I want a HUMAN please")]
    [InlineData("tolong operator!")]
    [InlineData("agent")]
    [InlineData("saya mau ngobrol sama manusia")]
    public void A_hand_off_keyword_hands_off_whatever_matches(string text)
    {
        var decision = Decide(text, C(Hours, 50, 1.0));

        Assert.Equal(ReplyKind.HandOff, decision.Kind);
        Assert.Equal(ReplyReasons.HandOffKeyword, decision.Reason);
    }

    [Theory]
    [InlineData("biaya administrasi berapa?")]
    [InlineData("apakah ada discount?")]
    [InlineData("humanis")]
    public void Keywords_count_as_whole_words_only(string text) =>
        Assert.Equal(ReplyKind.Reply, Decide(text, C(Hours, 20, 1.0)).Kind);

    [Fact]
    public void Tenant_keywords_may_be_phrases()
    {
        var policy = ReplyPolicy.Default with { HandOffKeywords = ["customer service"] };

        Assert.Equal(ReplyReasons.HandOffKeyword, ReplyDecider.Decide("Customer   Service please", [C(Hours, 20, 1)], policy, 30).Reason);
        Assert.Equal(ReplyKind.Reply, ReplyDecider.Decide("the service hours?", [C(Hours, 20, 1)], policy, 30).Kind);
    }

    [Fact]
    public void An_empty_knowledge_base_and_no_candidate_hand_off()
    {
        Assert.Equal(ReplyReasons.EmptyKnowledgeBase, ReplyDecider.Decide("jam buka?", [], ReplyPolicy.Default, entryCount: 0).Reason);
        Assert.Equal(ReplyReasons.NoMatch, Decide("jam buka?").Reason);
    }

    [Fact]
    public void A_best_match_that_explains_little_of_the_message_is_no_match()
    {
        var decision = Decide("berapa harga emas hari ini?", C(Hours, 11, 0.19));

        Assert.Equal(ReplyKind.HandOff, decision.Kind);
        Assert.Equal(ReplyReasons.NoMatch, decision.Reason);
    }

    [Fact]
    public void Two_entries_matching_about_equally_are_ambiguous()
    {
        var decision = Decide("bayar pakai gopay?", C(Hours, 13.2, 0.65), C(Address, 12.3, 0.66));

        Assert.Equal(ReplyReasons.Ambiguous, decision.Reason);
        Assert.Equal([Hours, Address], decision.EntryIds);
    }

    [Fact]
    public void The_decision_is_relative_the_same_whatever_the_scores_scale()
    {
        var small = Decide("x", C(Hours, 2, 0.9), C(Address, 1, 0.5));
        var large = Decide("x", C(Hours, 200, 0.9), C(Address, 100, 0.5));

        Assert.Equal(small, large with { EntryIds = small.EntryIds });
        Assert.Equal(small.Confidence, large.Confidence);
    }

    [Fact]
    public void A_confidence_under_the_threshold_is_a_low_margin_hand_off()
    {
        // Margin (10*0.5 - 6*0.5) / (10*0.5) = 0.4, times coverage 0.5: 0.2, under the default 0.3.
        var decision = Decide("x", C(Hours, 10, 0.5), C(Address, 6, 0.5));
        var lenient = ReplyDecider.Decide("x", [C(Hours, 10, 0.5), C(Address, 6, 0.5)], ReplyPolicy.Default with { Threshold = 0.2 }, 30);

        Assert.Equal(ReplyReasons.LowMargin, decision.Reason);
        Assert.Equal(0.2, decision.Confidence, 3);
        Assert.Equal(ReplyKind.Reply, lenient.Kind);
    }

    [Fact]
    public void Candidates_are_ranked_by_score_times_coverage()
    {
        // The search put Address first, but Hours explains the whole message.
        var decision = Decide("can I track my order?", C(Address, 13.7, 0.4), C(Hours, 13.6, 1.0));

        Assert.Equal([Hours], decision.EntryIds);
        Assert.Equal(ReplyKind.Reply, decision.Kind);
    }
}
