using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// The Data Protection key ring of a cluster, in the PostgreSQL database its silos share (table
/// <c>dongda_data_protection_keys</c>, made with the schema), so that a session cookie one silo
/// issued is read by every other behind the balancer. Keys are stored as ASP.NET Core writes them,
/// unencrypted: whoever can read the database can read sessions, as they can read everything else
/// there.
/// </summary>
public sealed class PostgreSqlKeyRing(string connectionString) : IXmlRepository
{
    /// <summary>The application name every silo protects with: keys are isolated per application name.</summary>
    public const string ApplicationName = "DongDa.Hierarchy";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT xml FROM dongda_data_protection_keys ORDER BY id", connection);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("INSERT INTO dongda_data_protection_keys (friendly_name, xml) VALUES (@name, @xml)", connection);
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
