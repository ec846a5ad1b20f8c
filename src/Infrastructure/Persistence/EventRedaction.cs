using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.Events;
using Marten;
using PesanAI.Application.Audit;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// Removes <see cref="SecretMembers"/> from stored event JSON, translated to how Marten stores them: the
/// event type's alias and camelCase member names (<see cref="MartenSetup"/>).
/// </summary>
public sealed class EventRedaction
{
    private readonly Dictionary<string, string[]> _secretsByAlias;

    public EventRedaction(IDocumentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var naming = store.Options.Events.EventNamingStyle;
        _secretsByAlias = SecretMembers.ByEventType.ToDictionary(
            pair => pair.Key.GetEventTypeName(naming),
            pair => pair.Value.Select(CamelCasePath).ToArray(),
            StringComparer.Ordinal);
    }

    public string Apply(string type, string json)
    {
        if (!_secretsByAlias.TryGetValue(type, out var secrets) || JsonNode.Parse(json) is not JsonObject data)
        {
            return json;
        }

        foreach (var secret in secrets)
        {
            Remove(data, secret);
        }

        return data.ToJsonString();
    }

    private static string CamelCasePath(string path) =>
        string.Join('.', path.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    /// <summary>Removes a member, or the last member of a dotted path when the objects on the way are there.</summary>
    private static void Remove(JsonObject data, string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            data.Remove(path);
        }
        else if (data[path[..dot]] is JsonObject inner)
        {
            Remove(inner, path[(dot + 1)..]);
        }
    }
}
