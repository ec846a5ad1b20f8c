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
}
