using Google.Protobuf;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using Mapster;
using MapsterMapper;

namespace PesanAI.Host.Mapping;

/// <summary>
/// The one Mapster configuration between the application and protobuf, registered at start-up (<see cref="AddProtoMapping"/>);
/// a test compiles it, so a mapping that cannot be built fails the suite. Every pair is explicit and every proto field
/// needs a source or an Ignore. Hand mapping stays only where Mapster cannot say it, each with its reason.
/// Request timestamps arrive in range: RequestShape refused any other while the request was decoded.
/// </summary>
public static class ProtoMapping
{
    public static TypeAdapterConfig Build()
    {
        var config = new TypeAdapterConfig { RequireExplicitMapping = true, RequireDestinationMemberSource = true };

        // Protobuf's repeated fields have no setter: fill the collection the message already holds.
        config.Default.UseDestinationValue(member => member.SetterModifier == AccessModifier.None
            && member.Type.IsGenericType && member.Type.GetGenericTypeDefinition() == typeof(RepeatedField<>));

        // Protobuf refuses null strings: an absent value is the empty string on the wire.
        config.ForDestinationType<IMessage>().AddDestinationTransform((string? text) => text ?? string.Empty);

        config.NewConfig<DateTimeOffset, Timestamp>().MapWith(time => Timestamp.FromDateTimeOffset(time));
        config.NewConfig<DateTimeOffset?, Timestamp?>().MapWith(time => time.HasValue ? Timestamp.FromDateTimeOffset(time.Value) : null);
        config.NewConfig<Timestamp, DateTimeOffset?>().MapWith(time => time == null ? null : time.ToDateTimeOffset());
        config.NewConfig<TimeSpan, Duration>().MapWith(span => Duration.FromTimeSpan(span));

        config.Apply(
            new TenantMapping(),
            new AuditMapping(),
            new AutomationMapping(),
            new ConsentMapping(),
            new ConversationMapping(),
            new KnowledgeMapping(),
            new MessagingMapping(),
            new InboundMapping());
        return config;
    }

    /// <summary>Registers the configuration and the <see cref="IMapper"/> the gRPC services map with.</summary>
    public static IServiceCollection AddProtoMapping(this IServiceCollection services)
    {
        var config = Build();
        services.AddSingleton(config);
        services.AddSingleton<IMapper>(new Mapper(config));
        return services;
    }

    public static long? ExpectedVersion(bool hasValue, long value) => hasValue ? value : null;
}
