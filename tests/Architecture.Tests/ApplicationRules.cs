using Mediator;
using NetArchTest.Rules;

namespace PesanAI.Architecture.Tests;

public sealed class ApplicationRules
{
    [Fact]
    public void PesanAI_Application_does_not_depend_on_Infrastructure_or_the_host()
    {
        var result = Types.InAssembly(Layers.Application)
            .ShouldNot().HaveDependencyOnAny("PesanAI.Infrastructure", "PesanAI.Host", "Grpc", "Google.Protobuf", "Microsoft.AspNetCore", "OpenIddict")
            .GetResult();

        Assert.True(result.IsSuccessful, DomainRules.Failures(result));
    }

    [Fact]
    public void PesanAI_Application_handlers_are_public_and_sealed_so_the_host_generator_sees_them()
    {
        var handlers = Layers.Application.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && (
                i.GetGenericTypeDefinition() == typeof(ICommandHandler<,>) ||
                i.GetGenericTypeDefinition() == typeof(IQueryHandler<,>))))
            .ToList();

        Assert.NotEmpty(handlers);
        Assert.All(handlers, h => Assert.True(h.IsPublic && h.IsSealed, $"{h.Name} must be public sealed"));
    }

    [Fact]
    public void Rules_are_the_domains_invariants_and_Application_names_its_input_checks_Checks()
    {
        // One meaning per name: a *Rules type is an invariant the domain enforces; Application's shape checks of a
        // request are *Checks, and who may act on whom is an *Authority.
        var misnamed = Layers.Application.GetTypes()
            .Where(t => t.Namespace?.StartsWith("PesanAI.Application", StringComparison.Ordinal) == true && t.Name.EndsWith("Rules", StringComparison.Ordinal))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(misnamed);
    }
}
