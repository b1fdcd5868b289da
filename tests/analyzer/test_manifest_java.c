/*
 * test_manifest_java.c - pom.xml and Gradle builds, and hostile XML.
 */
#include "tests/cmocka_all.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/manifest.h"
#include "tests/facts_fixture.h"
#include "tests/fixture.h"
#include "util/buf.h"

#define POM_HEAD "<?xml version=\"1.0\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"

static void maven_modules_scopes_and_relations(void **state)
{
    char *dir = fixture_dir();
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    facts_write(&f, dir, "pom.xml",
                POM_HEAD "  <groupId>com.acme</groupId><artifactId>shop-parent</artifactId>\n"
                         "  <version>1.2.0</version><packaging>pom</packaging>\n"
                         "  <modules><module>core</module><module>web</module>"
                         "<module>gone</module></modules>\n</project>\n");
    facts_write(&f, dir, "core/pom.xml",
                POM_HEAD
                "  <parent><groupId>com.acme</groupId><artifactId>shop-parent</artifactId>"
                "<version>1.2.0</version></parent>\n"
                "  <artifactId>shop-core</artifactId>\n"
                "  <properties><guava.version>33.0.0-jre</guava.version></properties>\n"
                "  <dependencies>\n"
                "    <dependency><groupId>com.google.guava</groupId>"
                "<artifactId>guava</artifactId><version>${guava.version}</version>"
                "</dependency>\n"
                "    <dependency><groupId>org.junit.jupiter</groupId>"
                "<artifactId>junit-jupiter</artifactId><scope>test</scope></dependency>\n"
                "    <dependency><groupId>jakarta.servlet</groupId>"
                "<artifactId>jakarta.servlet-api</artifactId><version>6.0.0</version>"
                "<scope>provided</scope></dependency>\n"
                "    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId>"
                "<optional>true</optional></dependency>\n"
                "  </dependencies>\n</project>\n");
    facts_write(&f, dir, "web/pom.xml",
                POM_HEAD
                "  <artifactId>shop-web</artifactId><packaging>war</packaging>\n"
                "  <dependencies>\n"
                "    <dependency><groupId>com.acme</groupId><artifactId>shop-core</artifactId>"
                "<version>${project.version}</version></dependency>\n"
                "    <dependency><groupId>org.postgresql</groupId>"
                "<artifactId>postgresql</artifactId><scope>runtime</scope></dependency>\n"
                "  </dependencies>\n</project>\n");
    ec_manifests_read(&f, dir);

    assert_int_equal(f.diags.items.len, 1);
    assert_string_equal(f.diags.items.items[0].path, "pom.xml");
    assert_int_equal(f.diags.items.items[0].line, 5);
    assert_string_equal(f.diags.items.items[0].message, "module 'gone' has no pom.xml");
    assert_int_equal(f.containers.len, 2); /* the aggregator builds nothing */
    assert_string_equal(f.containers.items[0].name, "shop-core");
    assert_string_equal(f.containers.items[0].kind, "library");
    assert_string_equal(f.containers.items[0].path, "core");
    assert_string_equal(f.containers.items[1].name, "shop-web");
    assert_string_equal(f.containers.items[1].kind, "service");
    assert_string_equal(f.containers.items[1].evidence, "manifest:web/pom.xml#packaging");

    assert_int_equal(f.dependencies.len, 5);
    assert_string_equal(facts_dependency(&f, "com.google.guava:guava")->version, "33.0.0-jre");
    assert_string_equal(facts_dependency(&f, "com.google.guava:guava")->scope, "runtime");
    assert_string_equal(facts_dependency(&f, "com.google.guava:guava")->ecosystem, "maven");
    assert_string_equal(facts_dependency(&f, "com.google.guava:guava")->evidence, "core/pom.xml:7");
    assert_string_equal(facts_dependency(&f, "org.junit.jupiter:junit-jupiter")->scope, "test");
    assert_string_equal(facts_dependency(&f, "jakarta.servlet:jakarta.servlet-api")->scope,
                        "build");
    assert_string_equal(facts_dependency(&f, "org.slf4j:slf4j-api")->scope, "optional");
    assert_string_equal(facts_dependency(&f, "org.postgresql:postgresql")->scope, "runtime");
    assert_int_equal(f.relations.len, 1);
    assert_string_equal(f.relations.items[0].from, "shop-web");
    assert_string_equal(f.relations.items[0].to, "shop-core");
    assert_string_equal(f.relations.items[0].evidence, "web/pom.xml:5");
    ec_facts_release(&f);
    fixture_remove(dir);
    free(dir);
}

static void spring_boot_jar_is_a_service(void **state)
{
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    assert_true(facts_read(
        &f, "pom.xml",
        POM_HEAD "<artifactId>petclinic</artifactId>\n"
                 "<dependencies><dependency><groupId>org.springframework.boot</groupId>"
                 "<artifactId>spring-boot-starter-webmvc</artifactId></dependency></dependencies>\n"
                 "<build><plugins><plugin><groupId>org.springframework.boot</groupId>"
                 "<artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build>\n"
                 "</project>\n"));
    assert_int_equal(f.containers.len, 1);
    assert_string_equal(f.containers.items[0].kind, "service");
    assert_string_equal(
        facts_dependency(&f, "org.springframework.boot:spring-boot-starter-webmvc")->version, "");
    ec_facts_release(&f);
}

static void hostile_and_broken_xml(void **state)
{
    ec_facts f;
    ec_buf deep = EC_BUF_INIT;
    int i;

    (void)state;
    ec_facts_init(&f);
    assert_true(
        facts_read(&f, "a/pom.xml",
                   "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
                   " <!ENTITY lol \"lol\">\n"
                   " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
                   " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
                   "]>\n<project><artifactId>&lol3;</artifactId></project>\n"));
    assert_true(
        facts_read(&f, "b/pom.xml",
                   "<project>\n<artifactId>b</artifactId>\n<dependencies>\n"
                   "<dependency><artifactId>x</artifactId></dependency>\n"
                   "<dependency><artifactId>y</dependency>\n</dependencies>\n</project>\n"));
    ec_buf_puts(&deep, "<project><artifactId>c</artifactId>");
    for (i = 0; i < 1000; i++)
        ec_buf_puts(&deep, "<d>");
    for (i = 0; i < 1000; i++)
        ec_buf_puts(&deep, "</d>");
    ec_buf_puts(&deep, "</project>\n");
    assert_true(ec_manifest_read_text(&f, "c/pom.xml", deep.ptr, deep.len));
    assert_int_equal(f.diags.items.len, 3);
    assert_string_equal(f.diags.items.items[0].path, "a/pom.xml");
    assert_string_equal(f.diags.items.items[0].message,
                        "a DTD or entity declaration is not accepted: not read");
    assert_string_equal(f.diags.items.items[1].path, "b/pom.xml");
    assert_int_equal(f.diags.items.items[1].line, 5);
    assert_string_equal(f.diags.items.items[2].path, "c/pom.xml");
    assert_non_null(strstr(f.diags.items.items[2].message, "depth"));
    /* b: what parsed before the error is kept */
    assert_string_equal(f.containers.items[0].name, "b");
    facts_dependency(&f, ":x");
    ec_buf_release(&deep);
    ec_facts_release(&f);
}

static void gradle_multi_project(void **state)
{
    char *dir = fixture_dir();
    ec_facts f;

    (void)state;
    ec_facts_init(&f);
    facts_write(&f, dir, "settings.gradle.kts",
                "rootProject.name = \"inventory\"\ninclude(\":app\", \":lib:core\")\n"
                "include(\":shared\")\nincludeBuild(\"build-logic\")\n");
    facts_write(&f, dir, "build.gradle.kts", "plugins {\n    base\n}\n");
    facts_write(&f, dir, "app/build.gradle.kts",
                "plugins {\n    application\n    id(\"org.jetbrains.kotlin.jvm\")\n}\n"
                "dependencies {\n"
                "    implementation(project(\":lib:core\"))\n"
                "    implementation(\"com.squareup.okhttp3:okhttp:4.12.0\")\n"
                "    implementation(libs.guava)\n"
                "    testImplementation(\"org.junit.jupiter:junit-jupiter:5.10.2\")\n"
                "    compileOnly(\"org.projectlombok:lombok:1.18.30\")\n"
                "}\napplication { mainClass.set(\"inventory.App\") }\n");
    facts_write(&f, dir, "lib/core/build.gradle",
                "plugins {\n    id 'java-library'\n}\n"
                "ext.jacksonVersion = '2.17.0'\n"
                "dependencies {\n    api 'org.apache.commons:commons-lang3:3.14.0'\n"
                "    implementation \"com.fasterxml.jackson.core:jackson-core:${jacksonVersion}\"\n"
                "    implementation \"io.acme:unknown:$notBound\"\n}\n");
    facts_write(&f, dir, "shared/src/main/java/Shared.java", "class Shared {}\n");
    ec_manifests_read(&f, dir);

    assert_int_equal(f.diags.items.len, 0);
    assert_int_equal(f.containers.len, 3);                     /* the root applies no Java plugin */
    assert_string_equal(f.containers.items[0].name, "shared"); /* settings come first */
    assert_string_equal(f.containers.items[0].kind, "library");
    assert_string_equal(f.containers.items[0].evidence, "settings.gradle.kts:3");
    assert_string_equal(f.containers.items[1].name, "app");
    assert_string_equal(f.containers.items[1].kind, "executable");
    assert_true(f.containers.items[1].name_from_dir);
    assert_string_equal(f.containers.items[2].name, "core");
    assert_string_equal(f.containers.items[2].path, "lib/core");
    assert_string_equal(f.containers.items[2].kind, "library");
    assert_int_equal(f.dependencies.len, 6);
    assert_string_equal(facts_dependency(&f, "com.fasterxml.jackson.core:jackson-core")->version,
                        "2.17.0");
    assert_string_equal(facts_dependency(&f, "io.acme:unknown")->version, "$notBound");
    assert_string_equal(facts_dependency(&f, "com.squareup.okhttp3:okhttp")->version, "4.12.0");
    assert_string_equal(facts_dependency(&f, "com.squareup.okhttp3:okhttp")->scope, "runtime");
    assert_string_equal(facts_dependency(&f, "com.squareup.okhttp3:okhttp")->evidence,
                        "app/build.gradle.kts:7");
    assert_string_equal(facts_dependency(&f, "org.junit.jupiter:junit-jupiter")->scope, "test");
    assert_string_equal(facts_dependency(&f, "org.projectlombok:lombok")->scope, "build");
    assert_string_equal(facts_dependency(&f, "org.apache.commons:commons-lang3")->scope, "runtime");
    assert_int_equal(f.relations.len, 1);
    assert_string_equal(f.relations.items[0].from, "app");
    assert_string_equal(f.relations.items[0].to, "lib/core");
    ec_facts_release(&f);
    fixture_remove(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(maven_modules_scopes_and_relations),
        cmocka_unit_test(spring_boot_jar_is_a_service),
        cmocka_unit_test(hostile_and_broken_xml),
        cmocka_unit_test(gradle_multi_project),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
