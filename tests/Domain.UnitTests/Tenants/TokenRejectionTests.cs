using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Tenants;

public sealed class TokenRejectionTests
{
    [Fact]
    public void A_rejected_token_marks_only_that_number_once()
    {
        var state = Given(Registered("1065550001"), Registered("1065550002"));

        var events = TenantDecider.RejectToken(state, "1065550001", Now);
        var after = events.Aggregate(state, (s, e) => s.Evolve(e));

        Assert.Equal([new PhoneNumberTokenRejected(state.Id, "1065550001", Now)], events);
        Assert.Equal(Now, after.FindPhoneNumber("1065550001")!.TokenRejectedAt);
        Assert.Null(after.FindPhoneNumber("1065550002")!.TokenRejectedAt);
        Assert.Empty(TenantDecider.RejectToken(after, "1065550001", Now.AddMinutes(1)));
    }

    [Fact]
    public void Registering_the_number_again_clears_the_rejection()
    {
        var state = Given(Registered("1065550001"));
        state = TenantDecider.RejectToken(state, "1065550001", Now).Aggregate(state, (s, e) => s.Evolve(e));
        state = TenantDecider.RemovePhoneNumber(state, "1065550001", Now).Aggregate(state, (s, e) => s.Evolve(e));

        var again = TenantDecider.RegisterPhoneNumber(state, Registration("1065550001"), Now).Aggregate(state, (s, e) => s.Evolve(e));

        Assert.Null(again.FindPhoneNumber("1065550001")!.TokenRejectedAt);
    }

    [Fact]
    public void An_unknown_number_records_nothing()
    {
        Assert.Empty(TenantDecider.RejectToken(Given(Registered("1065550001")), "999", Now));
    }
}
