//! `cargo xtask api-diff`: each kind of spec edit measured in issue 18 (and schema renames, items
//! leaving a cargo feature) made for real on a small two-group spec, and the verdicts checked:
//! `verdicts` on the IR (fast), `breaking_in_rust_is_what_stops_compiling` on regenerated crates
//! (one combined `cargo clippy` of a user crate written against the old API per edit).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use xtask::api_diff::{self, Class, Report, Version};

/// The old API: two groups (Teams, On-Call) sharing the model `User`.
const BASE: &str = r#"
openapi: 3.0.3
info: {title: fixture, version: "1"}
tags:
  - name: Teams
    description: Teams.
  - name: On-Call
    description: On-call.
paths:
  /api/v2/team:
    get:
      operationId: listTeams
      tags: [Teams]
      summary: List teams
      parameters:
        - name: page[size]
          in: query
          schema: {type: integer, format: int64}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/TeamsResponse'}
        '403':
          description: Forbidden
    post:
      operationId: createTeam
      tags: [Teams]
      summary: Create a team
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/TeamCreateRequest'}
      responses:
        '201':
          description: Created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Team'}
  /api/v2/team/{team_id}:
    delete:
      operationId: deleteTeam
      tags: [Teams]
      summary: Delete a team
      parameters:
        - name: team_id
          in: path
          required: true
          schema: {type: string}
      responses:
        '204':
          description: No Content
  /api/v2/on-call/schedules/{schedule_id}:
    get:
      operationId: getSchedule
      tags: [On-Call]
      summary: Get a schedule
      parameters:
        - name: schedule_id
          in: path
          required: true
          schema: {type: string}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Schedule'}
components:
  schemas:
    TeamCreateRequest:
      type: object
      description: A team to create.
      properties:
        name: {type: string, description: The name.}
        handle: {type: string, description: The handle.}
      required: [name]
    Team:
      type: object
      description: A team.
      properties:
        id: {type: string, description: The ID.}
        name: {type: string, description: The name.}
        user_count: {type: integer, format: int32, description: How many users.}
        role: {$ref: '#/components/schemas/TeamRole'}
        lead: {$ref: '#/components/schemas/User'}
      required: [id]
    TeamsResponse:
      type: object
      description: Teams.
      properties:
        data:
          type: array
          description: The teams.
          items: {$ref: '#/components/schemas/Team'}
    TeamRole:
      type: string
      description: A role.
      enum: [admin, member]
    User:
      type: object
      description: A user, used by both groups.
      properties:
        id: {type: string, description: The ID.}
    Schedule:
      type: object
      description: A schedule.
      properties:
        id: {type: string, description: The ID.}
        owner: {$ref: '#/components/schemas/User'}
"#;

/// The path of `deleteTeam`, whole.
const DELETE_TEAM: &str = "  /api/v2/team/{team_id}:
    delete:
      operationId: deleteTeam
      tags: [Teams]
      summary: Delete a team
      parameters:
        - name: team_id
          in: path
          required: true
          schema: {type: string}
      responses:
        '204':
          description: No Content
";

/// `text` with `from` replaced by `to`, which must occur exactly once (an edit that silently
/// did nothing would make a case pass for the wrong reason).
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "the edit's anchor must occur once: {from}");
    text.replacen(from, to, 1)
}

/// One kind of spec edit, and what api-diff must say about it.
struct Case {
    name: &'static str,
    spec: String,
    /// The classes of the changes reported, exactly.
    classes: &'static [Class],
    /// An item that must be among the changes, with that class.
    item: (&'static str, Class),
}

fn cases() -> Vec<Case> {
    use Class::*;
    let b = BASE;
    let teams_get_403 = "        '403':\n          description: Forbidden\n";
    vec![
        Case {
            name: "optional_request_field",
            spec: edit(
                b,
                "        handle: {type: string, description: The handle.}\n",
                "        handle: {type: string, description: The handle.}\n        summary: {type: string, description: A summary.}\n",
            ),
            classes: &[Additive],
            item: ("TeamCreateRequest.summary", Additive),
        },
        Case {
            name: "optional_response_field",
            spec: edit(
                b,
                "        lead: {$ref: '#/components/schemas/User'}\n",
                "        lead: {$ref: '#/components/schemas/User'}\n        avatar: {type: string, description: An avatar.}\n",
            ),
            classes: &[Additive],
            item: ("Team.avatar", Additive),
        },
        Case {
            name: "enum_value",
            spec: edit(b, "enum: [admin, member]", "enum: [admin, member, viewer]"),
            classes: &[Behaviour, Additive],
            item: ("TeamRole::Viewer", Additive),
        },
        Case {
            name: "optional_query_parameter",
            spec: edit(
                b,
                "          schema: {type: integer, format: int64}\n",
                "          schema: {type: integer, format: int64}\n        - name: filter[keyword]\n          in: query\n          schema: {type: string}\n",
            ),
            classes: &[Additive],
            item: ("ListTeamsOptionalParams.filter_keyword", Additive),
        },
        Case {
            name: "new_operation",
            spec: edit(
                b,
                "  /api/v2/team/{team_id}:\n",
                "  /api/v2/team/{team_id}:\n    get:\n      operationId: getTeam\n      tags: [Teams]\n      summary: Get a team\n      parameters:\n        - name: team_id\n          in: path\n          required: true\n          schema: {type: string}\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Team'}\n",
            ),
            classes: &[Additive],
            item: ("TeamsApi::get_team", Additive),
        },
        Case {
            name: "new_error_status",
            spec: edit(
                b,
                teams_get_403,
                &format!("{teams_get_403}        '429':\n          description: Too many requests\n"),
            ),
            classes: &[Additive],
            item: ("TeamsApi::list_teams", Additive),
        },
        Case {
            name: "new_tag_and_feature",
            spec: edit(
                &edit(
                    b,
                    "  - name: On-Call\n",
                    "  - name: Incidents\n    description: Incidents.\n  - name: On-Call\n",
                ),
                "  /api/v2/on-call/schedules/{schedule_id}:\n",
                "  /api/v2/incidents:\n    get:\n      operationId: listIncidents\n      tags: [Incidents]\n      summary: List incidents\n      responses:\n        '204':\n          description: No Content\n  /api/v2/on-call/schedules/{schedule_id}:\n",
            ),
            classes: &[Additive],
            item: ("IncidentsApi", Additive),
        },
        Case {
            name: "optional_to_required",
            spec: edit(b, "      required: [name]\n", "      required: [name, handle]\n"),
            classes: &[BreakingRust],
            item: ("TeamCreateRequest::new", BreakingRust),
        },
        Case {
            name: "new_required_request_field",
            spec: edit(
                &edit(
                    b,
                    "        handle: {type: string, description: The handle.}\n",
                    "        handle: {type: string, description: The handle.}\n        visibility: {type: string, description: Who sees it.}\n",
                ),
                "      required: [name]\n",
                "      required: [name, visibility]\n",
            ),
            classes: &[BreakingRust, Additive],
            item: ("TeamCreateRequest::new", BreakingRust),
        },
        Case {
            name: "removed_operation",
            spec: edit(b, DELETE_TEAM, ""),
            classes: &[BreakingRust],
            item: ("TeamsApi::delete_team", BreakingRust),
        },
        Case {
            name: "string_to_integer",
            spec: edit(
                b,
                "        name: {type: string, description: The name.}\n        user_count",
                "        name: {type: integer, format: int64, description: The name.}\n        user_count",
            ),
            classes: &[BreakingRust],
            item: ("Team.name", BreakingRust),
        },
        Case {
            name: "int32_to_int64",
            spec: edit(b, "user_count: {type: integer, format: int32,", "user_count: {type: integer, format: int64,"),
            classes: &[BreakingRust],
            item: ("Team.user_count", BreakingRust),
        },
        Case {
            name: "optional_to_nullable",
            spec: edit(
                b,
                "        name: {type: string, description: The name.}\n        user_count",
                "        name: {type: string, nullable: true, description: The name.}\n        user_count",
            ),
            classes: &[BreakingRust],
            item: ("Team.name", BreakingRust),
        },
        Case {
            name: "second_success_status",
            spec: edit(
                b,
                "        '204':\n          description: No Content\n  /api/v2/on-call",
                "        '200':\n          description: OK\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Team'}\n        '204':\n          description: No Content\n  /api/v2/on-call",
            ),
            classes: &[BreakingRust, Behaviour, Additive],
            item: ("TeamsApi::delete_team", BreakingRust),
        },
        Case {
            name: "json_name",
            spec: edit(b, "        user_count: {type", "        userCount: {type"),
            classes: &[BreakingWire],
            item: ("Team.user_count", BreakingWire),
        },
        Case {
            name: "enum_wire_value",
            spec: edit(b, "enum: [admin, member]", "enum: [ADMIN, member]"),
            classes: &[BreakingWire],
            item: ("TeamRole::Admin", BreakingWire),
        },
        Case {
            name: "query_parameter_name",
            spec: edit(b, "        - name: page[size]\n", "        - name: page_size\n"),
            classes: &[BreakingWire],
            item: ("ListTeamsOptionalParams.page_size", BreakingWire),
        },
        Case {
            name: "schema_rename",
            spec: BASE.replace("TeamRole", "MemberRole"),
            classes: &[BreakingRust],
            item: ("TeamRole", BreakingRust),
        },
        Case {
            name: "schema_rename_with_the_suggested_alias",
            spec: format!(
                "{}    TeamRole: {{$ref: '#/components/schemas/MemberRole'}}\n",
                BASE.replace("TeamRole", "MemberRole")
            ),
            classes: &[Additive],
            item: ("MemberRole", Additive),
        },
        Case {
            name: "item_leaves_a_feature",
            spec: edit(
                b,
                "        owner: {$ref: '#/components/schemas/User'}\n",
                "        owner: {type: string, description: The owner's ID.}\n",
            ),
            classes: &[BreakingRust],
            item: ("User", BreakingRust),
        },
        Case {
            name: "description_only",
            spec: edit(b, "description: A schedule.", "description: A schedule of shifts."),
            classes: &[],
            item: ("", Additive),
        },
    ]
}

fn lower(text: &str) -> xtask::ir::Api {
    let spec = xtask::load::load_sources(&[(PathBuf::from("fixture.yaml"), text.to_owned())])
        .unwrap_or_else(|e| panic!("the fixture does not load: {e:?}"));
    xtask::lower::lower(&spec).unwrap_or_else(|e| panic!("the fixture does not lower: {e:?}"))
}

fn report(case: &Case) -> Report {
    api_diff::diff(&lower(BASE), &lower(&case.spec))
}

#[test]
fn verdicts() {
    let mut wrong = Vec::new();
    for case in cases() {
        let report = report(&case);
        let shown: Vec<String> = report.changes.iter().map(|c| c.to_string()).collect();
        let classes: BTreeSet<Class> = case.classes.iter().copied().collect();
        if report.classes() != classes {
            wrong.push(format!("{}: expected {classes:?}, got\n{}", case.name, shown.join("\n")));
        }
        if !case.item.0.is_empty() && !report.of(case.item.0).iter().any(|c| c.class == case.item.1) {
            wrong.push(format!(
                "{}: no {} change of `{}` in\n{}",
                case.name,
                case.item.1.label(),
                case.item.0,
                shown.join("\n")
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn details_a_user_reads() {
    let by_name = |name: &str| cases().into_iter().find(|c| c.name == name).unwrap();
    let rename = report(&by_name("schema_rename"));
    let line = rename.of("TeamRole")[0].to_string();
    assert!(
        line.contains("renamed to `MemberRole`")
            && line.contains("TeamRole: {$ref: '#/components/schemas/MemberRole'}"),
        "{line}"
    );
    let feature = report(&by_name("item_leaves_a_feature"));
    let line = feature.of("User").iter().map(|c| c.to_string()).collect::<Vec<_>>().join("\n");
    assert!(line.contains("`on-call` alone"), "{line}");
    let field = report(&by_name("optional_response_field"));
    let line = field.of("Team.avatar")[0].to_string();
    // The HTTP operations whose callers see the field.
    assert!(line.contains("`GET /api/v2/team`") && line.contains("`POST /api/v2/team`"), "{line}");
}

#[test]
fn version_bumps_follow_cargo_0x_rules() {
    let v = Version(0, 3, 2);
    assert_eq!(v.required_after(None), None);
    assert_eq!(v.required_after(Some(Class::Additive)), Some(Version(0, 3, 3)));
    assert_eq!(v.required_after(Some(Class::Behaviour)), Some(Version(0, 3, 3)));
    assert_eq!(v.required_after(Some(Class::BreakingWire)), Some(Version(0, 4, 0)));
    assert_eq!(v.required_after(Some(Class::BreakingRust)), Some(Version(0, 4, 0)));
    assert_eq!(Version(1, 2, 3).required_after(Some(Class::Additive)), Some(Version(1, 3, 0)));
    assert_eq!(Version(1, 2, 3).required_after(Some(Class::BreakingRust)), Some(Version(2, 0, 0)));
}

#[test]
fn a_meant_break_needs_the_new_version() {
    let all = cases();
    let breaking = report(all.iter().find(|c| c.name == "json_name").unwrap());
    let additive = report(all.iter().find(|c| c.name == "new_operation").unwrap());
    let (released, next) = (Some(Version(0, 1, 0)), Some(Version(0, 2, 0)));
    assert!(api_diff::verdict(&additive, false, released, released).is_ok());
    assert!(api_diff::verdict(&breaking, false, released, next).is_err());
    let err = api_diff::verdict(&breaking, true, released, released).unwrap_err();
    assert!(err.contains("0.2.0"), "{err}");
    assert!(api_diff::verdict(&breaking, true, released, next).is_ok());
}

#[test]
fn changelog_section_names_items_and_operations_and_replaces_the_old_one() {
    let case = cases().into_iter().find(|c| c.name == "second_success_status").unwrap();
    let report = report(&case);
    let section = api_diff::changelog::section(&report, Some((Version(0, 1, 0), "release-0.1.0")));
    assert!(section.contains("the next release is 0.2.0 or later (breaking changes)"), "{section}");
    for (title, class) in
        [("### Breaking", Class::BreakingRust), ("### Added", Class::Additive), ("### Changed", Class::Behaviour)]
    {
        assert!(section.contains(title), "{title} missing:\n{section}");
        for change in report.changes.iter().filter(|c| c.class == class) {
            assert!(section.contains(&format!("`{}`", change.item)), "`{}` missing:\n{section}", change.item);
        }
    }
    assert!(section.contains("`DELETE /api/v2/team/{team_id}`"), "{section}");
    // The maintainer's own text in the section is kept; the command's part goes first, and a
    // rerun replaces that part only.
    let old = "# Changelog\n\nIntro.\n\n## [Unreleased]\n\nBy hand.\n\n## [0.1.0] - 2026-12-04\n\nFirst.\n";
    let new = api_diff::changelog::with_section(old, &section);
    for kept in ["Intro.", "By hand.", "First."] {
        assert!(new.contains(kept), "{kept} lost:\n{new}");
    }
    let at = |text: &str, what: &str| text.find(what).unwrap_or_else(|| panic!("no {what} in:\n{text}"));
    assert!(at(&new, "## [Unreleased]") < at(&new, "### Breaking"), "{new}");
    assert!(at(&new, api_diff::changelog::END) < at(&new, "By hand.") && at(&new, "By hand.") < at(&new, "## [0.1.0]"));
    assert_eq!(api_diff::git::newest_release_heading(&new).map(|(v, _)| v), Some(Version(0, 1, 0)));
    let other = cases().into_iter().find(|c| c.name != "second_success_status").unwrap();
    let other_report = self::report(&other);
    let other_section = api_diff::changelog::section(&other_report, Some((Version(0, 1, 0), "release-0.1.0")));
    let rerun = api_diff::changelog::with_section(&new, &other_section);
    assert_eq!(rerun.matches(api_diff::changelog::BEGIN).count(), 1, "{rerun}");
    assert_eq!(
        rerun,
        api_diff::changelog::with_section(old, &other_section),
        "a rerun is as if the first run never was"
    );
    assert_eq!(api_diff::changelog::with_section(&rerun, &other_section), rerun, "the same report twice: unchanged");
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Without tags the last release is the commit that added its changelog heading; with a
/// `release-X` tag, the tag. `spec_at` extracts spec/ as it was there.
#[test]
fn last_release_without_and_with_a_tag() {
    let dir = std::env::temp_dir().join(format!("api-diff-git-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    let changelog = dir.join(api_diff::git::CHANGELOG);
    std::fs::create_dir_all(changelog.parent().unwrap()).unwrap();
    git(&dir, &["init", "-q"]);
    std::fs::write(dir.join("spec/a.yaml"), BASE).unwrap();
    std::fs::write(&changelog, "# Changelog\n\n## [0.1.0] - 2026-12-04\n\nFirst.\n").unwrap();
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-qm", "release"]);
    let release_commit = git(&dir, &["rev-parse", "HEAD"]);
    std::fs::write(dir.join("spec/a.yaml"), cases()[0].spec.clone()).unwrap();
    std::fs::write(&changelog, "# Changelog\n\n## [Unreleased]\n\n## [0.1.0] - 2026-12-04\n\nFirst.\n").unwrap();
    git(&dir, &["commit", "-qam", "later"]);
    let release = api_diff::git::last_release(&dir).unwrap();
    assert_eq!((release.version, release.rev.as_str()), (Version(0, 1, 0), release_commit.as_str()));
    let (_temp, spec) = api_diff::git::spec_at(&dir, &release.rev, "spec").unwrap();
    assert_eq!(std::fs::read_to_string(spec.join("a.yaml")).unwrap(), BASE);
    git(&dir, &["tag", "release-0.1.0", "HEAD"]);
    assert_eq!(api_diff::git::last_release(&dir).unwrap().rev, "release-0.1.0");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The command itself: exit 1 on a break, 0 with `--intended` or when compatible; the changelog
/// written to the given file.
#[test]
fn the_command_exits_1_on_a_break_unless_intended() {
    let dir = std::env::temp_dir().join(format!("api-diff-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let write = |name: &str, text: &str| {
        std::fs::create_dir_all(dir.join(name)).unwrap();
        std::fs::write(dir.join(name).join("a.yaml"), text).unwrap();
    };
    let all = cases();
    let breaking = all.iter().find(|c| c.name == "int32_to_int64").unwrap();
    let additive = all.iter().find(|c| c.name == "new_operation").unwrap();
    write("old", BASE);
    write("breaking", &breaking.spec);
    write("additive", &additive.spec);
    let run = |new: &str, extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["api-diff", "--base-spec"])
            .arg(dir.join("old"))
            .arg("--spec")
            .arg(dir.join(new))
            .args(extra)
            .output()
            .unwrap()
    };
    let out = run("breaking", &[]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("breaking in Rust: field `Team.user_count`"));
    let changelog = dir.join("CHANGELOG.md");
    let out = run("breaking", &["--intended", "--changelog", changelog.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&changelog).unwrap();
    assert!(text.starts_with("# Changelog\n") && text.contains("- **in Rust**: `Team.user_count`"), "{text}");
    assert_eq!(run("additive", &[]).status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- end to end: regenerated crates and a user crate written against the old API ----------

/// Code a user wrote against `BASE`'s crate with every feature (`all`) and with `on-call` alone
/// (`on_call`): every item the breaking cases touch is used the way user code uses it.
const USER_ALL: &str = r#"
use api::apis::TeamsApi;
use api::apis::teams::ListTeamsOptionalParams;
use api::models::{Team, TeamCreateRequest, TeamRole, User};

pub fn build() -> TeamCreateRequest {
    TeamCreateRequest::new("name").handle("handle")
}

pub fn read(team: Team) -> (Option<String>, Option<i32>, Option<User>) {
    let role = match team.role {
        Some(TeamRole::Admin) => 1,
        Some(TeamRole::Member) => 2,
        _ => 0,
    };
    let _ = role;
    (team.name, team.user_count, team.lead)
}

pub async fn call(api: &TeamsApi) -> Result<(), api::Error> {
    let _teams = api.list_teams(ListTeamsOptionalParams::default().page_size(10)).await?;
    let () = api.delete_team("id", Default::default()).await?;
    Ok(())
}
"#;

const USER_ON_CALL: &str = r#"
use api::apis::OnCallApi;
use api::models::{Schedule, User};

pub async fn owner(api: &OnCallApi) -> Result<Option<User>, api::Error> {
    let schedule: Schedule = api.get_schedule("id", Default::default()).await?;
    Ok(schedule.owner.map(|user: User| user))
}
"#;

/// Every case's crate is regenerated, and both user crates are checked against it in one
/// `cargo clippy --keep-going` (one build of the dependencies): a user crate fails to compile
/// exactly when api-diff says "breaking in Rust".
#[test]
fn breaking_in_rust_is_what_stops_compiling() {
    let root = xtask::workspace_root().join("target").join("compile-check").join("api-diff");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let mut members = Vec::new();
    let mut expected = Vec::new();
    let all = cases();
    for (i, case) in std::iter::once(None).chain(all.iter().map(Some)).enumerate() {
        let name = format!("c{i:02}-{}", case.map_or("base", |c| c.name).replace('_', "-"));
        let spec_dir = root.join("specs").join(&name);
        std::fs::create_dir_all(&spec_dir).unwrap();
        std::fs::write(spec_dir.join("a.yaml"), case.map_or(BASE, |c| c.spec.as_str())).unwrap();
        let out = root.join(&name);
        let generated = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["codegen", "--spec"])
            .arg(&spec_dir)
            .arg("--crate")
            .arg(&out)
            .output()
            .unwrap();
        assert!(generated.status.success(), "{name}: {}", String::from_utf8_lossy(&generated.stderr));
        // A member of the combined workspace, not a workspace of its own.
        let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
        std::fs::write(out.join("Cargo.toml"), manifest.replace("\n[workspace]\n", "\n")).unwrap();
        members.push(name.clone());
        let breaking = case.is_some_and(|c| report(c).classes().contains(&Class::BreakingRust));
        for (user, code, features) in [
            ("all", USER_ALL, "default-features = true"),
            ("oncall", USER_ON_CALL, "default-features = false, features = [\"on-call\"]"),
        ] {
            let user_name = format!("u-{user}-{name}");
            let dir = root.join(&user_name);
            std::fs::create_dir_all(dir.join("src")).unwrap();
            std::fs::write(
                dir.join("Cargo.toml"),
                format!("[package]\nname = \"{user_name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\napi = {{ package = \"{name}\", path = \"../{name}\", {features} }}\n"),
            )
            .unwrap();
            std::fs::write(dir.join("src/lib.rs"), code).unwrap();
            members.push(user_name);
        }
        expected.push((name, breaking));
    }
    let members: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    std::fs::write(
        root.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", members.join(", ")),
    )
    .unwrap();
    std::fs::copy(xtask::workspace_root().join("Cargo.lock"), root.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let checked = Command::new(cargo)
        .args(["clippy", "--offline", "--keep-going", "--workspace", "--message-format", "short"])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", root.parent().unwrap().join("target"))
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&checked.stderr);
    // A generated crate itself must always compile.
    assert!(!stderr.contains("could not compile `c"), "a generated crate does not compile:\n{stderr}");
    // A user crate stops compiling only on a change said to be breaking in Rust, and on each
    // such change one of the two does.
    let mut wrong = Vec::new();
    for (case, breaking) in &expected {
        let failed: Vec<&str> = ["all", "oncall"]
            .into_iter()
            .filter(|user| stderr.contains(&format!("could not compile `u-{user}-{case}`")))
            .collect();
        let compiles = failed.is_empty();
        if compiles == *breaking {
            wrong.push(format!(
                "{case}: api-diff says breaking in Rust: {breaking}; users that do not compile: {failed:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "verdict and compiler disagree:\n{}\n\n{stderr}", wrong.join("\n"));
}
