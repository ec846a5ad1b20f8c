using CsCheck;
using PesanAI.Domain.Consent;
using static PesanAI.Domain.UnitTests.Consent.ConsentHistory;

namespace PesanAI.Domain.UnitTests.Consent;

public sealed class ConsentPropertyTests
{
    /// <summary>A statement: opt-in to a purpose, or opt-out of a purpose or of all, collected some minutes after <see cref="Earlier"/>.</summary>
    private sealed record Statement(bool In, OptOutScope Scope, int Minute)
    {
        public IReadOnlyList<ConsentPurpose> Covers => ConsentPurposes.CoveredBy(Scope);

        public ConsentStatus Status => In ? ConsentStatus.OptedIn : ConsentStatus.OptedOut;

        public DateTimeOffset CollectedAt => Earlier.AddMinutes(Minute);

        public IReadOnlyList<object> Decide(ConsentRecord? state) => In
            ? OptIn(state, Covers[0], CollectedAt)
            : OptOut(state, Scope, CollectedAt);

        public IConsentEvent Event() => In
            ? ConsentHistory.In(Covers[0], CollectedAt)
            : Out(Scope, CollectedAt);
    }

    private static readonly Gen<OptOutScope> PurposeScope = Gen.OneOf(OptOutScope.Marketing, OptOutScope.Utility, OptOutScope.Automation);

    // Opt-outs of all less often than single purposes; few distinct minutes, so that ties come up.
    private static Gen<Statement> Statements(Gen<int> minute) => Gen.Frequency<Statement>(
        (3, Gen.Select(PurposeScope, minute, (scope, m) => new Statement(true, scope, m))),
        (3, Gen.Select(PurposeScope, minute, (scope, m) => new Statement(false, scope, m))),
        (1, minute.Select(m => new Statement(false, OptOutScope.All, m))));

    [Fact]
    public void Statements_in_time_order_end_at_the_last_statement_about_each_purpose_all_covering_every_purpose()
    {
        Statements(Gen.Int[0, 5]).Array[0, 30].Select(s => s.OrderBy(x => x.Minute).ToArray()).Sample(statements =>
        {
            var state = Decided(statements, out _);

            foreach (var purpose in ConsentPurposes.All)
            {
                var last = statements.LastOrDefault(s => s.Covers.Contains(purpose));
                Assert.Equal(last?.Status ?? ConsentStatus.None, state?.StatusOf(purpose) ?? ConsentStatus.None);
                Assert.Equal(last?.Status == ConsentStatus.OptedIn, ConsentRecord.Allows(state, purpose));
                Assert.Equal(last?.Status == ConsentStatus.OptedOut, ConsentRecord.HasOptedOut(state, purpose));
            }
        }, iter: 2000);
    }

    [Fact]
    public void In_any_order_each_purpose_ends_at_the_latest_collected_recorded_statement_and_every_recorded_one_changed_something()
    {
        Statements(Gen.Int[0, 5]).Array[0, 30].Sample(statements =>
        {
            var state = Decided(statements, out var recorded);

            foreach (var purpose in ConsentPurposes.All)
            {
                // The last effective event: the latest collected one (ties: the later recorded).
                var effective = recorded.Select((e, i) => (Event: e, Index: i))
                    .Where(x => Covers(x.Event).Contains(purpose))
                    .OrderBy(x => x.Event.CollectedAt).ThenBy(x => x.Index)
                    .LastOrDefault().Event;
                Assert.Equal(effective is null ? ConsentStatus.None : StatusOf(effective), state?.StatusOf(purpose) ?? ConsentStatus.None);
            }

            var replayed = Fold(null, recorded);
            Assert.Equal(state, replayed);
        }, iter: 2000);
    }

    [Fact]
    public void Deciding_the_same_statement_twice_records_nothing_the_second_time()
    {
        Gen.Select(Statements(Gen.Int[0, 5]).Array[0, 20], Statements(Gen.Int[0, 5])).Sample((history, statement) =>
        {
            var state = Decided(history, out _);
            var once = Fold(state, statement.Decide(state));

            Assert.Empty(statement.Decide(once));
        }, iter: 2000);
    }

    [Fact]
    public void Folding_every_statement_undecided_ends_at_the_latest_collected_one_per_purpose()
    {
        // As if concurrent writers had each appended their statement: the fold alone still picks the latest.
        Statements(Gen.Int[0, 5]).Array[1, 30].Sample(statements =>
        {
            var state = Fold(null, statements.Select(s => s.Event()))!;

            foreach (var purpose in ConsentPurposes.All)
            {
                var latest = statements.Select((s, i) => (Statement: s, Index: i))
                    .Where(x => x.Statement.Covers.Contains(purpose))
                    .OrderBy(x => x.Statement.Minute).ThenBy(x => x.Index)
                    .LastOrDefault().Statement;
                Assert.Equal(latest?.Status ?? ConsentStatus.None, state.StatusOf(purpose));
            }
        }, iter: 2000);
    }

    private static ConsentRecord? Decided(IEnumerable<Statement> statements, out List<IConsentEvent> recorded)
    {
        ConsentRecord? state = null;
        recorded = [];
        foreach (var statement in statements)
        {
            var events = statement.Decide(state);
            Assert.True(events.Count <= 1);
            var before = state;
            state = Fold(state, events);
            foreach (var e in events.Cast<IConsentEvent>())
            {
                Assert.Contains(Covers(e), p => (before?.StatusOf(p) ?? ConsentStatus.None) != state!.StatusOf(p));
            }

            recorded.AddRange(events.Cast<IConsentEvent>());
        }

        return state;
    }

    private static IReadOnlyList<ConsentPurpose> Covers(IConsentEvent e) => e switch
    {
        OptedIn i => [i.Purpose],
        OptedOut o => ConsentPurposes.CoveredBy(o.Scope),
        _ => [],
    };

    private static ConsentStatus StatusOf(IConsentEvent e) => e is OptedIn ? ConsentStatus.OptedIn : ConsentStatus.OptedOut;
}
