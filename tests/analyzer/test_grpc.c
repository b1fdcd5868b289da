/*
 * test_grpc.c - code that implements or calls a gRPC service, found by the
 * names of the stubs protoc generates for it, language by language.
 */
#include "tests/cmocka_all.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/grpc.h"
#include "tests/facts_fixture.h"
#include "tests/fixture.h"

/* The uses of api as "path:line implements|calls", joined by spaces. */
static const char *uses_of(const ec_api_fact *api, ec_buf *out)
{
    size_t i;

    ec_buf_reset(out);
    for (i = 0; i < api->uses.len; i++)
        ec_buf_printf(out, "%s%s:%u %s", out->len ? " " : "", api->uses.items[i].file,
                      api->uses.items[i].line,
                      api->uses.items[i].implements ? "implements" : "calls");
    return out->ptr;
}

static void stubs_of_every_language(void **state)
{
    char *dir = fixture_dir();
    ec_buf b = EC_BUF_INIT;
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    assert_true(facts_read(&f, "proto/shop.proto",
                           "syntax = \"proto3\";\npackage shop.v1;\n"
                           "service Catalog { rpc List(Empty) returns (Empty); }\n"
                           "service Cart { rpc Add(Empty) returns (Empty); }\n"));
    facts_write(&f, dir, "go/client.go",
                "package c\n\nfunc dial() { c := pb.NewCatalogClient(conn) }\n");
    facts_write(
        &f, dir, "go/gen.go", /* generated code the walk kept: definitions only */
        "package pb\n\nfunc RegisterCatalogServer(s grpc.ServiceRegistrar, srv CatalogServer) {}\n"
        "func NewCatalogClient(cc grpc.ClientConnInterface) CatalogClient {}\n");
    facts_write(&f, dir, "go/server.go",
                "package s\n\ntype srv struct{ pb.UnimplementedCatalogServer }\n\n"
                "func main() { pb.RegisterCatalogServer(s, &srv{}) }\n");
    facts_write(&f, dir, "py/client.py", "stub = shop_pb2_grpc.CatalogStub(channel)\n");
    facts_write(&f, dir, "py/other.py", "x = MyCatalogStub(1)\ny = CatalogStubs(2)\n");
    facts_write(&f, dir, "py/server.py",
                "import grpc\n\nclass Catalog(shop_pb2_grpc.CatalogServicer):\n    pass\n");
    facts_write(&f, dir, "js/client.ts",
                "const c = new proto.shop.v1.Catalog(addr, grpc.credentials.createInsecure());\n");
    facts_write(&f, dir, "js/plain.js", "const c = new Catalog(items);\n");
    facts_write(&f, dir, "js/server.js",
                "server.addService(proto.shop.v1.Catalog.service, {list});\n"
                "server.addService(proto.shop.v1.Cart.serviceName, {add});\n");
    facts_write(&f, dir, "java/Client.kt", "val stub = CatalogGrpc.newBlockingStub(channel)\n");
    facts_write(&f, dir, "java/Server.java",
                "package s;\n\nclass Impl extends CatalogGrpc.CatalogImplBase {}\n");
    facts_write(&f, dir, "cpp/client.cc", "auto stub = shop::v1::Catalog::NewStub(channel);\n");
    facts_write(
        &f, dir, "cpp/server.cc",
        "#include \"shop.grpc.pb.h\"\nclass Impl final : public shop::v1::Catalog::Service {};\n");
    facts_write(&f, dir, "cs/Client.cs", "var client = new Catalog.CatalogClient(channel);\n");
    facts_write(&f, dir, "cs/Server.cs", "class Impl : Catalog.CatalogBase {}\n");
    facts_write(&f, dir, "c/main.c", "int main(void) { RegisterCatalogServer(0, 0); }\n");
    facts_write(&f, dir, "rb/client.rb",
                "stub = Shop::V1::Catalog::Stub.new(addr, :this_channel_is_insecure)\n");
    facts_write(&f, dir, "rs/main.rs",
                "fn main() {\n    let c = CatalogClient::connect(\"http://[::1]:50051\");\n"
                "    Server::builder().add_service(CatalogServer::new(svc));\n}\n");
    ec_grpc_find_uses(&f, dir, EC_SOURCE_DIR);

    assert_int_equal(f.apis.len, 2);
    assert_string_equal(f.apis.items[0].title, "shop.v1.Catalog");
    assert_string_equal(
        uses_of(&f.apis.items[0], &b),
        "go/client.go:3 calls go/server.go:3 implements py/client.py:1 calls "
        "py/server.py:3 implements js/client.ts:1 calls js/server.js:1 implements "
        "java/Client.kt:1 calls java/Server.java:3 implements cpp/client.cc:1 calls "
        "cpp/server.cc:2 implements cs/Client.cs:1 calls cs/Server.cs:1 implements "
        "rb/client.rb:1 calls rs/main.rs:2 calls rs/main.rs:3 implements");
    assert_string_equal(uses_of(&f.apis.items[1], &b), ""); /* .serviceName is another name */
    assert_int_equal(f.diags.items.len, 0);
    ec_facts_release(&f);
    ec_buf_release(&b);
    fixture_remove(dir);
    free(dir);
}

/* Without .proto services nothing is read; without the table, a diagnostic. */
static void no_services_no_search_and_a_missing_table(void **state)
{
    char *dir = fixture_dir(), *data = fixture_dir();
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    facts_write(&f, dir, "go/server.go",
                "package s\nfunc main() { pb.RegisterCatalogServer(s, x) }\n");
    ec_grpc_find_uses(&f, dir, data);
    assert_int_equal(f.diags.items.len, 0);
    assert_true(facts_read(&f, "shop.proto", "service Catalog { rpc List(E) returns (E); }\n"));
    ec_grpc_find_uses(&f, dir, data);
    assert_int_equal(f.diags.items.len, 1);
    assert_non_null(
        strstr(f.diags.items.items[0].message, "gRPC clients and servers are not recognised"));
    assert_int_equal(f.apis.items[0].uses.len, 0);
    ec_facts_release(&f);
    fixture_remove(dir);
    fixture_remove(data);
    free(dir);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stubs_of_every_language),
        cmocka_unit_test(no_services_no_search_and_a_missing_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
