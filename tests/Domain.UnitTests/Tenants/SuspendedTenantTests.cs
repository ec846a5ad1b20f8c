using System.Reflection;
using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Tenants;

public sealed class SuspendedTenantTests
{
    // Each command is one the tenant would accept if it were active, so only the suspension can refuse it.
    private static readonly Dictionary<string, Func<Tenant, IReadOnlyList<object>>> MutatingCommands = new()
    {
        [nameof(TenantDecider.UpdateBusinessProfile)] = state => TenantDecider.UpdateBusinessProfile(state, Profile(), Now),
        [nameof(TenantDecider.RegisterPhoneNumber)] = state => TenantDecider.RegisterPhoneNumber(state, Registration("1065550002"), Now),
        [nameof(TenantDecider.RemovePhoneNumber)] = state => TenantDecider.RemovePhoneNumber(state, "1065550001", Now),
    };

    public static TheoryData<string> Commands => [.. MutatingCommands.Keys];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Mutating_command_on_active_tenant_is_accepted(string command)
    {
        Assert.NotEmpty(MutatingCommands[command](Given(Registered("1065550001"))));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Mutating_command_on_suspended_tenant_is_refused(string command)
    {
        var state = Given(Registered("1065550001"), Suspended());

        var refused = Assert.Throws<DomainException>(() => MutatingCommands[command](state));

        Assert.Equal("TENANT_SUSPENDED", refused.Reason);
        Assert.Equal(RuleKind.Precondition, refused.Kind);
    }

    [Fact]
    public void Every_tenant_command_except_suspend_reactivate_and_token_rejection_is_checked_above()
    {
        // RejectToken records what Meta said about the token, whatever the tenant's state.
        var commands = typeof(TenantDecider)
            .GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.GetParameters().Any(p => p.ParameterType == typeof(Tenant)))
            .Select(m => m.Name)
            .Except([nameof(TenantDecider.Suspend), nameof(TenantDecider.Reactivate), nameof(TenantDecider.RejectToken)]);

        Assert.Equal(MutatingCommands.Keys.Order(StringComparer.Ordinal), commands.Order(StringComparer.Ordinal));
    }
}
