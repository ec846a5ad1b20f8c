using System.Globalization;
using PesanAI.Domain.Knowledge;
using PesanAI.Infrastructure.Ai;
using Xunit.Abstractions;

namespace PesanAI.Infrastructure.UnitTests.Ai;

/// <summary>
/// The embedded responder on the shop quality set at the default threshold: no wrong answer (a reply with another
/// entry than the expected one, or any reply to a question nothing answers), and at least <see cref="AccuracyFloor"/>
/// of the answerable questions answered right.
/// </summary>
public sealed class ResponderQualityTests(ITestOutputHelper output)
{
    /// <summary>The share of answerable questions the default threshold answers right (measured: see the output).</summary>
    private const double AccuracyFloor = 0.85;

    [Fact]
    public void The_quality_set_is_large_enough_and_consistent()
    {
        Assert.True(ShopKnowledge.Items.Count >= 30);
        Assert.True(ShopKnowledge.Probes.Count >= 60);
        Assert.Contains(ShopKnowledge.Probes, p => p.Expected is null);
        Assert.All(ShopKnowledge.Probes.Where(p => p.Expected is not null), p => Assert.Contains(ShopKnowledge.Items, i => i.Key == p.Expected));
        Assert.Equal(ShopKnowledge.Items.Count, ShopKnowledge.Items.Select(i => i.Key).Distinct().Count());
    }

    [Fact]
    public void At_the_default_threshold_no_answer_is_wrong_and_most_are_right()
    {
        using var index = KnowledgeIndex.Build(ShopKnowledge.Entries, version: 1);
        var results = ShopKnowledge.Probes.Select(p => (Probe: p, Ranked: ReplyDecider.Rank(index.Search(p.Text)), Decision: Decide(index, p.Text))).ToList();

        var answerable = results.Where(r => r.Probe.Expected is not null).ToList();
        var right = answerable.Count(r => r.Decision.Kind == ReplyKind.Reply && Key(r.Decision) == r.Probe.Expected);
        var wrong = results.Where(r => r.Decision.Kind == ReplyKind.Reply && Key(r.Decision) != r.Probe.Expected).ToList();
        var handedOff = results.Count(r => r.Decision.Kind == ReplyKind.HandOff);
        var topOne = answerable.Count(r => r.Ranked.Count > 0 && ShopKnowledge.KeyOf(r.Ranked[0].EntryId) == r.Probe.Expected);
        var accuracy = (double)right / answerable.Count;

        foreach (var (probe, ranked, decision) in results)
        {
            var top = string.Join(" ", ranked.Take(3).Select(c => $"{ShopKnowledge.KeyOf(c.EntryId)}:{c.Score:0.00}/{c.Coverage:0.00}"));
            var verdict = decision.Kind == ReplyKind.HandOff ? "handoff" : Key(decision) == probe.Expected ? "RIGHT" : "WRONG";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{verdict,-8} {decision.Reason,-15} conf {decision.Confidence:0.000} m {ReplyDecider.Margin(ranked):0.00} c {(ranked.Count > 0 ? ranked[0].Coverage : 0):0.00} expect {probe.Expected ?? "-",-16} | {probe.Text} | {top}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ShopKnowledge.Items.Count} entries, {results.Count} questions ({answerable.Count} answerable): right {right} ({accuracy:P1}), wrong {wrong.Count}, hand-offs {handedOff}; top-1 retrieval {topOne}/{answerable.Count} ({(double)topOne / answerable.Count:P1}); threshold {ReplyPolicy.DefaultThreshold}"));

        Assert.True(wrong.Count == 0, "wrong answers: " + string.Join("; ", wrong.Select(w => $"{w.Probe.Text} -> {Key(w.Decision)}")));
        Assert.True(accuracy >= AccuracyFloor, $"accuracy {accuracy:P1} is under {AccuracyFloor:P0}");
    }

    /// <summary>
    /// The default threshold is not on a knife's edge: every candidate that would be a wrong answer has a confidence
    /// clearly under it (hand-off keywords aside, which hand off whatever the confidence). Prints the sweep.
    /// </summary>
    [Fact]
    public void Wrong_candidates_stay_clearly_under_the_default_threshold()
    {
        using var index = KnowledgeIndex.Build(ShopKnowledge.Entries, version: 1);
        var decisions = ShopKnowledge.Probes
            .Where(p => !ReplyDecider.AsksForPerson(p.Text, ReplyPolicy.DefaultHandOffKeywords))
            .Select(p => (Probe: p, Ranked: ReplyDecider.Rank(index.Search(p.Text))))
            .Select(r => (r.Probe, r.Ranked, Confidence: ReplyDecider.Confidence(r.Ranked)))
            .ToList();
        var wrongCandidates = decisions.Where(d => d.Ranked.Count > 0 && ShopKnowledge.KeyOf(d.Ranked[0].EntryId) != d.Probe.Expected).ToList();
        foreach (var threshold in new[] { 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5 })
        {
            var policy = ReplyPolicy.Default with { Threshold = threshold };
            var replies = ShopKnowledge.Probes
                .Select(p => (p.Expected, Decision: ReplyDecider.Decide(p.Text, index.Search(p.Text), policy, index.Count)))
                .Where(r => r.Decision.Kind == ReplyKind.Reply)
                .ToList();
            var right = replies.Count(r => Key(r.Decision) == r.Expected);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"threshold {threshold:0.00}: right {right}, wrong {replies.Count - right}"));
        }

        var highestWrong = wrongCandidates.Max(d => d.Confidence);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"highest confidence of a wrong candidate: {highestWrong:0.000}"));
        Assert.True(highestWrong <= ReplyPolicy.DefaultThreshold - 0.05, $"a wrong candidate reaches {highestWrong:0.000}");
    }

    private static ReplyDecision Decide(KnowledgeIndex index, string text) =>
        ReplyDecider.Decide(text, index.Search(text), ReplyPolicy.Default, index.Count);

    private static string? Key(ReplyDecision decision) =>
        decision.Kind == ReplyKind.Reply ? ShopKnowledge.KeyOf(decision.EntryIds[0]) : null;
}
