using System.Text.Json.Serialization;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>
/// Source-generated metadata for Meta's webhook shapes: no reflection, names matched case-sensitively, every string
/// storable in PostgreSQL (<see cref="StorableText"/>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    GenerationMode = JsonSourceGenerationMode.Metadata,
    MaxDepth = 64,
    Converters = [typeof(StorableStringConverter)])]
[JsonSerializable(typeof(MetadataDto))]
[JsonSerializable(typeof(ContactDto))]
[JsonSerializable(typeof(ErrorDto))]
[JsonSerializable(typeof(StatusDto))]
[JsonSerializable(typeof(UserPreferenceDto))]
[JsonSerializable(typeof(TemplateStatusDto))]
[JsonSerializable(typeof(MessageHeaderDto))]
[JsonSerializable(typeof(TextDto))]
[JsonSerializable(typeof(MediaDto))]
[JsonSerializable(typeof(LocationDto))]
[JsonSerializable(typeof(IReadOnlyList<ContactCardDto?>))]
[JsonSerializable(typeof(InteractiveDto))]
[JsonSerializable(typeof(ButtonDto))]
[JsonSerializable(typeof(ReactionDto))]
[JsonSerializable(typeof(OrderDto))]
[JsonSerializable(typeof(SystemDto))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
