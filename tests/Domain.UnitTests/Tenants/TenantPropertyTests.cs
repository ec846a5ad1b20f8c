using CsCheck;
using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Tenants;

public sealed class TenantPropertyTests
{
    private abstract record Command;

    private sealed record UpdateProfile(string About) : Command;

    private sealed record Register(string PhoneNumberId, string DisplayPhoneNumber) : Command;

    private sealed record Remove(string PhoneNumberId) : Command;

    private sealed record Suspend(string Reason) : Command;

    private sealed record Reactivate : Command;

    // A few ids only, so that duplicates and removals of registered numbers come up often.
    private static readonly Gen<string> PhoneNumberId = Gen.Int[1, 4].Select(i => $"106555000{i}");

    private static readonly Gen<string> E164Number =
        Gen.Select(Gen.Int[1, 9], Gen.Char['0', '9'].Array[6, 14], (first, rest) => $"+{first}{new string(rest)}");

    private static readonly Gen<Command> AnyCommand = Gen.Frequency<Command>(
        (2, Gen.OneOf("Batik", "Kopi").Select(about => (Command)new UpdateProfile(about))),
        (4, Gen.Select(PhoneNumberId, E164Number, (id, number) => (Command)new Register(id, number))),
        (3, PhoneNumberId.Select(id => (Command)new Remove(id))),
        (1, Gen.OneOf("Unpaid invoice", "Spam reports").Select(reason => (Command)new Suspend(reason))),
        (1, Gen.Const((Command)new Reactivate())));

    private static readonly string[] LegitimateRefusals = ["TENANT_SUSPENDED", "PHONE_NUMBER_ALREADY_REGISTERED", "PHONE_NUMBER_NOT_REGISTERED"];

    [Fact]
    public void Folding_decided_events_keeps_the_tenant_invariants()
    {
        AnyCommand.Array[1, 40].Sample(commands =>
        {
            var state = Tenant.Start(Created);
            var history = new List<object>();
            var now = CreatedAt;
            foreach (var command in commands)
            {
                now = now.AddMinutes(1);
                var before = state;
                var events = DecideOrRefuse(state, command, now);
                state = events.Aggregate(state, (s, e) => s.Evolve(e));
                history.AddRange(events);

                var ids = state.PhoneNumbers.Select(p => p.PhoneNumberId).ToList();
                Assert.Equal(ids.Count, ids.Distinct().Count());
                if (before.Status == TenantStatus.Suspended && command is not Reactivate)
                {
                    TenantStateAssert.Equivalent(before, state);
                }
            }

            TenantStateAssert.Equivalent(state, Given([.. history]));
        }, iter: 500);
    }

    private static IReadOnlyList<object> DecideOrRefuse(Tenant state, Command command, DateTimeOffset now)
    {
        try
        {
            return command switch
            {
                UpdateProfile c => TenantDecider.UpdateBusinessProfile(state, Profile(c.About), now),
                Register c => TenantDecider.RegisterPhoneNumber(state, Registration(c.PhoneNumberId, c.DisplayPhoneNumber), now),
                Remove c => TenantDecider.RemovePhoneNumber(state, c.PhoneNumberId, now),
                Suspend c => TenantDecider.Suspend(state, c.Reason, now),
                Reactivate => TenantDecider.Reactivate(state, now),
                _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown command."),
            };
        }
        catch (DomainException refused)
        {
            // Every generated command is well-formed, so only the tenant's state may refuse it.
            Assert.Contains(refused.Reason, LegitimateRefusals);
            return [];
        }
    }
}
