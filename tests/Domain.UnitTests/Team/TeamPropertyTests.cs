using CsCheck;
using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Team;

public sealed class TeamPropertyTests
{
    private abstract record Command;

    private sealed record Add(int Email, MemberRole Role) : Command;

    private sealed record Change(int Member, MemberRole Role) : Command;

    private sealed record Remove(int Member) : Command;

    // Few emails and member numbers, so that taken emails, unknown members and last owners come up often.
    private static readonly Gen<int> Member = Gen.Int[0, 5];

    private static readonly Gen<MemberRole> Role = Gen.Enum<MemberRole>();

    private static readonly Gen<Command> AnyCommand = Gen.Frequency<Command>(
        (3, Gen.Select(Gen.Int[0, 3], Role, (e, r) => (Command)new Add(e, r))),
        (4, Gen.Select(Member, Role, (m, r) => (Command)new Change(m, r))),
        (2, Member.Select(m => (Command)new Remove(m))));

    private static readonly string[] LegitimateRefusals = ["MEMBER_EMAIL_TAKEN", "MEMBER_NOT_FOUND", "LAST_OWNER"];

    [Fact]
    public void A_tenant_that_has_had_an_owner_never_ends_without_one()
    {
        AnyCommand.Array[1, 30].Sample(commands =>
        {
            var state = Tenant.Start(Created);
            var hadOwner = false;
            var added = 0;
            var now = CreatedAt;
            foreach (var command in commands)
            {
                now = now.AddMinutes(1);
                state = DecideOrRefuse(state, command, ref added, now).Aggregate(state, (s, e) => s.Evolve(e));
                var hasOwner = state.Members.Exists(m => m.Role == MemberRole.Owner);
                Assert.True(hasOwner || !hadOwner, $"The tenant had an owner and has none after {command}.");
                hadOwner |= hasOwner;
            }
        }, iter: 2000);
    }

    // Every AddMember takes a fresh member id, as a handler would (Guid.CreateVersion7): the decider does not refuse
    // an id that is already a member, and a reused id can leave the tenant without an owner.
    private static IReadOnlyList<object> DecideOrRefuse(Tenant state, Command command, ref int added, DateTimeOffset now)
    {
        try
        {
            return command switch
            {
                Add c => TeamDecider.AddMember(state, Id(added++), $"Member {c.Email}", $"m{c.Email}@tokomaju.id", c.Role, now),
                Change c => TeamDecider.ChangeMemberRole(state, Id(c.Member), c.Role, now),
                Remove c => TeamDecider.RemoveMember(state, Id(c.Member), now),
                _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown command."),
            };
        }
        catch (DomainException refused)
        {
            Assert.Contains(refused.Reason, LegitimateRefusals);
            return [];
        }
    }

    private static Guid Id(int member) => new($"0199a4c3-0000-7000-8000-{member:D12}");
}
