//! A deployment's picture drawn three ways, all from the one model of its template: text for
//! the terminal (presenterm shows it in the slide), Mermaid for GitHub (the READMEs), and SVG
//! for the HTML deck, laid out by `layout-rs` (ranks, order and coordinates are its; xtask
//! only sizes the boxes to their text).

use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;

use super::template::{Access, Edge, Node, NodeKind, Picture};

const READ_WRITE_FILL: &str = "#fde2c8";
const READ_WRITE_STROKE: &str = "#c2410c";
const READ_ONLY_FILL: &str = "#d7f0dc";
const READ_ONLY_STROKE: &str = "#15803d";
const UNKNOWN_FILL: &str = "#eeeeee";
const API_FILL: &str = "#e8eef9";
const DATA_FILL: &str = "#efe7fb";

/// The first line of a label (`λ CommandsDispatcher`), and the rest.
fn split_label(label: &str) -> (&str, &str) {
    label.split_once('\n').unwrap_or((label, ""))
}

/// What a trigger is called in the text drawing: a route as itself, anything else with its
/// kind in front.
fn trigger_label(picture: &Picture, edge: &Edge) -> String {
    match picture.node(&edge.from) {
        Some(node) => match node.kind {
            NodeKind::Route => node.label.clone(),
            NodeKind::Resolver => format!("GraphQL {}", node.label),
            _ => node.label.replace('\n', " "),
        },
        None => edge.from.clone(),
    }
}

/// One function in the terminal drawing: its triggers, its name and access, what it uses.
struct Group {
    triggers: Vec<String>,
    function: String,
    access: &'static str,
    uses: String,
}

fn groups(picture: &Picture) -> Vec<Group> {
    picture
        .functions()
        .map(|(node, access)| {
            let mut triggers: Vec<String> = picture
                .edges_into(&node.id)
                .map(|edge| trigger_label(picture, edge))
                .collect();
            if triggers.is_empty() {
                triggers.push("(no trigger)".into());
            }
            let uses: Vec<String> = picture
                .edges_from(&node.id)
                .map(|edge| {
                    let target = picture.node(&edge.to).map_or(edge.to.as_str(), |target| {
                        let (kind, name) = split_label(&target.label);
                        if name.is_empty() { kind } else { name }
                    });
                    match &edge.label {
                        Some(label) => format!("{target} ({label})"),
                        None => target.to_owned(),
                    }
                })
                .collect();
            Group {
                triggers,
                function: split_label(&node.label).0.to_owned(),
                access: access.label(),
                uses: uses.join(", "),
            }
        })
        .collect()
}

/// The connector after trigger `row` of `count`: the function is drawn on the middle row.
fn connector(count: usize, row: usize) -> &'static str {
    let middle = (count - 1) / 2;
    match (count, row) {
        (1, _) => "───▶",
        (_, 0) if row == middle => "─┬─▶",
        (_, row) if row == middle => "─┼─▶",
        (_, 0) => "─┐",
        (_, row) if row + 1 == count => "─┘",
        _ => "─┤",
    }
}

/// The terminal drawing: one group of rows per function, its triggers on the left, the tables
/// it uses on the right.
///
/// ```text
/// REST API LibrarySystemAPI
///   POST /book/new  ─┬─▶ λ CommandsDispatcher  read-write ─▶ library-system-database (reads, writes)
///   POST /book/x    ─┘
/// ```
pub fn text(picture: &Picture) -> String {
    let groups = groups(picture);
    let widest = |width: &dyn Fn(&Group) -> usize| groups.iter().map(width).max().unwrap_or(0);
    let trigger_width = widest(&|g| {
        g.triggers
            .iter()
            .map(|t| t.chars().count())
            .max()
            .unwrap_or(0)
    });
    let function_width = widest(&|g| g.function.chars().count());
    let access_width = widest(&|g| g.access.len());
    let mut lines = Vec::new();
    let entries: Vec<String> = picture
        .nodes
        .iter()
        .filter(|node| matches!(node.kind, NodeKind::Api | NodeKind::GraphQl))
        .map(|node| node.label.replace('\n', " "))
        .collect();
    if !entries.is_empty() {
        lines.push(entries.join(", "));
    }
    for group in &groups {
        let count = group.triggers.len();
        for (row, trigger) in group.triggers.iter().enumerate() {
            let padding = " ".repeat(trigger_width - trigger.chars().count());
            let mut line = format!("  {trigger}{padding} {}", connector(count, row));
            if row == (count - 1) / 2 {
                let pad = " ".repeat(function_width - group.function.chars().count());
                line = format!(
                    "{line} {}{pad}  {:<access_width$}",
                    group.function, group.access
                );
                if !group.uses.is_empty() {
                    line = format!("{line} ─▶ {}", group.uses);
                }
            }
            lines.push(line.trim_end().to_owned());
        }
    }
    for edge in &picture.edges {
        let from = picture.node(&edge.from);
        let to = picture.node(&edge.to);
        if let (Some(from), Some(to)) = (from, to)
            && from.kind == NodeKind::Queue
            && to.kind == NodeKind::Queue
        {
            lines.push(format!(
                "  {} ─▶ {} ({})",
                from.label.replace('\n', " "),
                to.label.replace('\n', " "),
                edge.label.as_deref().unwrap_or("")
            ));
        }
    }
    lines.join("\n")
}

/// Node ids that every renderer accepts: `n0`, `n1`, ... in the picture's order.
fn ids(picture: &Picture) -> impl Fn(&str) -> String + '_ {
    |id: &str| {
        let index = picture
            .nodes
            .iter()
            .position(|node| node.id == id)
            .unwrap_or(picture.nodes.len());
        format!("n{index}")
    }
}

fn mermaid_label(text: &str) -> String {
    text.replace('"', "#quot;").replace('\n', "<br/>")
}

/// A Mermaid class and the nodes that wear it.
type Class = (&'static str, fn(&NodeKind) -> bool);

/// The Mermaid flowchart GitHub renders in the READMEs.
pub fn mermaid(picture: &Picture) -> String {
    let id = ids(picture);
    let mut lines = vec!["flowchart LR".to_owned()];
    for node in &picture.nodes {
        let label = mermaid_label(&node.label);
        let (open, close) = match node.kind {
            NodeKind::Api | NodeKind::Route | NodeKind::Resolver => ("[\"", "\"]"),
            NodeKind::GraphQl => ("{{\"", "\"}}"),
            NodeKind::Queue => ("[[\"", "\"]]"),
            NodeKind::Trigger => (">\"", "\"]"),
            NodeKind::Function(_) => ("(\"", "\")"),
            NodeKind::Table => ("[(\"", "\")]"),
        };
        lines.push(format!("  {}{open}{label}{close}", id(&node.id)));
    }
    for edge in &picture.edges {
        let arrow = match &edge.label {
            Some(label) => format!("-->|\"{}\"|", mermaid_label(label)),
            None => "-->".to_owned(),
        };
        lines.push(format!("  {} {arrow} {}", id(&edge.from), id(&edge.to)));
    }
    lines.extend([
        format!("  classDef readWrite fill:{READ_WRITE_FILL},stroke:{READ_WRITE_STROKE}"),
        format!("  classDef readOnly fill:{READ_ONLY_FILL},stroke:{READ_ONLY_STROKE}"),
        format!("  classDef unknown fill:{UNKNOWN_FILL},stroke:#666666"),
        format!("  classDef entry fill:{API_FILL},stroke:#3b5b92"),
        format!("  classDef data fill:{DATA_FILL},stroke:#6b21a8"),
    ]);
    let classes: [Class; 5] = [
        ("readWrite", |k| *k == NodeKind::Function(Access::ReadWrite)),
        ("readOnly", |k| *k == NodeKind::Function(Access::ReadOnly)),
        ("unknown", |k| *k == NodeKind::Function(Access::Unknown)),
        ("entry", |k| matches!(k, NodeKind::Api | NodeKind::GraphQl)),
        ("data", |k| matches!(k, NodeKind::Table | NodeKind::Queue)),
    ];
    for (name, wanted) in classes {
        let members: Vec<String> = picture
            .nodes
            .iter()
            .filter(|node| wanted(&node.kind))
            .map(|node| id(&node.id))
            .collect();
        if !members.is_empty() {
            lines.push(format!("  class {} {name}", members.join(",")));
        }
    }
    lines.join("\n")
}

/// Text size in the SVG, for boxes and edge labels alike.
const FONT: usize = 20;
/// A sans-serif character is about 0.6 em wide on average; layout-rs itself reckons a full em,
/// which makes boxes twice as wide as their text and the whole picture too small on a slide.
const CHAR_WIDTH: f64 = 0.6;
const PADDING_X: f64 = 14.0;
const PADDING_Y: f64 = 8.0;

/// The box a label needs at `font` pixels: its longest line wide, its lines tall.
fn text_size(label: &str, font: usize) -> Point {
    let columns = label
        .lines()
        .map(|line| line.chars().count())
        .max()
        .unwrap_or(1);
    let rows = label.lines().count().max(1);
    // Labels are a few dozen characters; the conversions cannot lose anything that shows.
    #[allow(clippy::cast_precision_loss)]
    let (columns, rows, font) = (columns as f64, rows as f64, font as f64);
    Point::new(
        (columns * font * CHAR_WIDTH + 2.0 * PADDING_X).round(),
        (rows * font + 2.0 * PADDING_Y).round(),
    )
}

/// Where a node goes left to right: callers, their routes, functions, data.
fn rank(picture: &Picture, node: &Node) -> u8 {
    match node.kind {
        NodeKind::Api | NodeKind::GraphQl => 0,
        // A queue that only receives from a function (a dead-letter queue) is data.
        NodeKind::Queue if picture.edges_into(&node.id).next().is_none() => 0,
        NodeKind::Route | NodeKind::Resolver | NodeKind::Trigger => 1,
        NodeKind::Function(_) => 2,
        NodeKind::Queue | NodeKind::Table => 3,
    }
}

/// The picture laid out and drawn by layout-rs, left to right, each box sized to its text.
pub fn svg(picture: &Picture) -> Result<String, String> {
    if picture.nodes.is_empty() {
        return Err("has nothing to draw: no API, function, queue or table".into());
    }
    let mut graph = VisualGraph::new(Orientation::LeftToRight);
    let mut nodes: Vec<&Node> = picture.nodes.iter().collect();
    nodes.sort_by_key(|node| rank(picture, node));
    let mut handles = Vec::new();
    for node in nodes {
        let (fill, stroke, rounded) = match node.kind {
            NodeKind::Api | NodeKind::GraphQl => (API_FILL, "#3b5b92", 0),
            NodeKind::Route | NodeKind::Resolver | NodeKind::Trigger => ("#ffffff", "#5b6675", 0),
            NodeKind::Function(Access::ReadWrite) => (READ_WRITE_FILL, READ_WRITE_STROKE, 12),
            NodeKind::Function(Access::ReadOnly) => (READ_ONLY_FILL, READ_ONLY_STROKE, 12),
            NodeKind::Function(Access::Unknown) => (UNKNOWN_FILL, "#666666", 12),
            NodeKind::Table | NodeKind::Queue => (DATA_FILL, "#6b21a8", 0),
        };
        let look = StyleAttr::new(
            Color::fast(stroke),
            1,
            Some(Color::fast(fill)),
            rounded,
            FONT,
        );
        // A left-to-right graph lays its shapes out top to bottom (as layout-rs's DOT reader
        // does).
        let element = Element::create(
            ShapeKind::new_box(&node.label),
            look,
            Orientation::TopToBottom,
            text_size(&node.label, FONT),
        );
        handles.push((node.id.as_str(), graph.add_node(element)));
    }
    let handle = |id: &str| {
        handles
            .iter()
            .find(|(found, _)| *found == id)
            .map(|(_, handle)| *handle)
    };
    for edge in &picture.edges {
        let (Some(from), Some(to)) = (handle(&edge.from), handle(&edge.to)) else {
            continue;
        };
        let label = edge.label.as_deref().unwrap_or("");
        let colour = if label.contains("write") {
            READ_WRITE_STROKE
        } else if label == "reads" {
            READ_ONLY_STROKE
        } else {
            "#444444"
        };
        let look = StyleAttr::new(Color::fast(colour), 1, None, 0, FONT);
        let arrow = Arrow::new(
            LineEndKind::None,
            LineEndKind::Arrow,
            LineStyleKind::Normal,
            label,
            &look,
            &None,
            &None,
        );
        graph.add_edge(arrow, from, to);
    }
    let mut writer = SVGWriter::new();
    graph.do_it(false, false, false, &mut writer);
    // layout-rs names a serif font; the deck's diagrams read better in the sans its text uses.
    let svg = writer.finalize().replace(
        "font-family: Times, serif",
        "font-family: Helvetica, Arial, sans-serif",
    );
    Ok(tight(&sorted_styles(&svg)))
}

/// Margin around the boxes in a tightened SVG.
const MARGIN: f64 = 12.0;

/// The SVG cropped to its boxes and edges: layout-rs grows its canvas by ten pixels a
/// character for every label, which leaves a wide empty band that would shrink the picture on
/// a slide. An edge may bend around the boxes, so its points (control points included, which
/// only ever widen the crop) count too.
fn tight(svg: &str) -> String {
    let mut bounds: Option<(f64, f64, f64, f64)> = None;
    for rect in svg.split("<rect ").skip(1) {
        let tag = rect.split('>').next().unwrap_or_default();
        let attribute = |name: &str| -> Option<f64> {
            let prefix = format!("{name}=\"");
            tag.split_whitespace()
                .find_map(|token| token.strip_prefix(&prefix))?
                .trim_end_matches(['"', '/'])
                .parse()
                .ok()
        };
        let (Some(x), Some(y), Some(width), Some(height)) = (
            attribute("x"),
            attribute("y"),
            attribute("width"),
            attribute("height"),
        ) else {
            continue;
        };
        let (left, top, right, bottom) = bounds.unwrap_or((x, y, x + width, y + height));
        bounds = Some((
            left.min(x),
            top.min(y),
            right.max(x + width),
            bottom.max(y + height),
        ));
    }
    for path in svg.split("<path ").skip(1) {
        let Some(data) = path
            .split_once(" d=\"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(data, _)| data)
        else {
            continue;
        };
        let numbers: Vec<f64> = data
            .split(|c: char| c.is_ascii_alphabetic() || c == ',' || c.is_whitespace())
            .filter_map(|number| number.parse().ok())
            .collect();
        for point in numbers.chunks_exact(2) {
            let (x, y) = (point[0], point[1]);
            let (left, top, right, bottom) = bounds.unwrap_or((x, y, x, y));
            bounds = Some((left.min(x), top.min(y), right.max(x), bottom.max(y)));
        }
    }
    let (Some((left, top, right, bottom)), Some(start)) = (bounds, svg.find("<svg ")) else {
        return svg.to_owned();
    };
    let Some(end) = svg[start..].find('>').map(|at| start + at) else {
        return svg.to_owned();
    };
    let (x, y) = (left - MARGIN, top - MARGIN);
    let (width, height) = (right - left + 2.0 * MARGIN, bottom - top + 2.0 * MARGIN);
    format!(
        "{}<svg width=\"{width}\" height=\"{height}\" viewBox=\"{x} {y} {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\"{}",
        &svg[..start],
        &svg[end..]
    )
}

/// The SVG with the lines of its `<style>` sorted: layout-rs keeps one class per font size in
/// a hash map, so with several sizes their order would change from run to run, and a
/// committed diagram would never be current.
fn sorted_styles(svg: &str) -> String {
    let Some(start) = svg.find("<style>\n").map(|at| at + "<style>\n".len()) else {
        return svg.to_owned();
    };
    let Some(end) = svg[start..].find("</style>").map(|at| start + at) else {
        return svg.to_owned();
    };
    let mut lines: Vec<&str> = svg[start..end].lines().collect();
    lines.sort_unstable();
    format!("{}{}\n{}", &svg[..start], lines.join("\n"), &svg[end..])
}

#[cfg(test)]
mod tests {
    use super::super::template;
    use super::*;

    const TEMPLATE: &str = r"
Resources:
  Api:
    Type: AWS::Serverless::Api
  Commands:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action: [dynamodb:GetItem, dynamodb:PutItem]
              Resource: !GetAtt Table.Arn
      Events:
        A:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: /book/new, Method: POST}
        B:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: '/book/{bookId}/borrow', Method: POST}
        C:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: '/book/{bookId}/missing', Method: POST}
  Queries:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:Query
              Resource: !GetAtt Table.Arn
      Events:
        D:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: /book, Method: GET}
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: library
";

    fn picture() -> Picture {
        template::picture(TEMPLATE).expect("reads")
    }

    #[test]
    fn draws_text_for_the_terminal() {
        assert_eq!(
            text(&picture()),
            "REST API Api\n\
             \x20 POST /book/new              ─┐\n\
             \x20 POST /book/{bookId}/borrow  ─┼─▶ λ Commands  read-write ─▶ library (reads, writes)\n\
             \x20 POST /book/{bookId}/missing ─┘\n\
             \x20 GET /book                   ───▶ λ Queries   read-only  ─▶ library (reads)"
        );
    }

    #[test]
    fn draws_mermaid_for_github() {
        let mermaid = mermaid(&picture());
        let lines: Vec<&str> = mermaid.lines().collect();
        assert_eq!(lines[0], "flowchart LR");
        assert!(lines.contains(&"  n0[\"REST API<br/>Api\"]"), "{mermaid}");
        assert!(
            lines.contains(&"  n1(\"λ Commands<br/>read-write\")"),
            "{mermaid}"
        );
        assert!(lines.contains(&"  n2[\"POST /book/new\"]"), "{mermaid}");
        assert!(
            lines.contains(&"  n5[(\"DynamoDB table<br/>library\")]"),
            "{mermaid}"
        );
        assert!(lines.contains(&"  n0 --> n2"), "{mermaid}");
        assert!(lines.contains(&"  n2 --> n1"), "{mermaid}");
        assert!(
            lines.contains(&"  n1 -->|\"reads, writes\"| n5"),
            "{mermaid}"
        );
        assert!(lines.contains(&"  n6 -->|\"reads\"| n5"), "{mermaid}");
        assert!(lines.contains(&"  class n1 readWrite"), "{mermaid}");
        assert!(lines.contains(&"  class n6 readOnly"), "{mermaid}");
    }

    #[test]
    fn lays_out_svg_with_boxes_that_fit_their_text() {
        let picture = picture();
        let svg = svg(&picture).expect("lays out");
        assert!(svg.contains("<svg"), "an SVG document");
        for label in ["POST /book/new", "λ Commands", "read-only", "library"] {
            assert!(svg.contains(label), "{label} is drawn");
        }
        // 27 characters at 20 px, 0.6 em each, plus 14 px either side: 352 px, not
        // layout-rs's 27 em.
        assert_eq!(
            text_size("POST /book/{bookId}/missing", FONT),
            Point::new(352.0, 36.0)
        );
        assert!(
            svg.contains("width=\"352\""),
            "the route's box is sized to its text"
        );
        assert!(
            svg.contains("fill=\"#fde2c8ff\""),
            "the writing function is orange"
        );
        assert!(
            svg.contains("fill=\"#d7f0dcff\""),
            "the reading function is green"
        );
        assert!(
            !svg.contains("Times"),
            "the deck's font, not layout-rs's serif"
        );
        assert_eq!(
            svg,
            super::svg(&picture).expect("again"),
            "the layout is deterministic"
        );
        assert!(super::svg(&Picture::default()).is_err(), "nothing to draw");
    }

    #[test]
    fn the_svg_is_cropped_to_its_boxes() {
        let svg = "<?xml?><svg width=\"900\" height=\"800\" viewBox=\"0 0 900 800\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect x=\"30\" y=\"100\" width=\"50\" height=\"20\" rx=\"0\" /><text x=\"999\" y=\"999\">t</text><rect x=\"200\" y=\"40\" width=\"100\" height=\"30\"/></svg>";
        assert_eq!(
            tight(svg),
            "<?xml?><svg width=\"294\" height=\"104\" viewBox=\"18 28 294 104\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect x=\"30\" y=\"100\" width=\"50\" height=\"20\" rx=\"0\" /><text x=\"999\" y=\"999\">t</text><rect x=\"200\" y=\"40\" width=\"100\" height=\"30\"/></svg>"
        );
        assert_eq!(
            tight("<svg><g/></svg>"),
            "<svg><g/></svg>",
            "no boxes, nothing to crop to"
        );
    }

    #[test]
    fn style_lines_are_sorted_so_the_svg_is_stable() {
        let svg = "<svg><style>\n.a16 { font-size: 16px; }\n.a14 { font-size: 14px; }\n</style><g/></svg>";
        assert_eq!(
            sorted_styles(svg),
            "<svg><style>\n.a14 { font-size: 14px; }\n.a16 { font-size: 16px; }\n</style><g/></svg>"
        );
        assert_eq!(sorted_styles("<svg/>"), "<svg/>");
    }

    #[test]
    fn mermaid_labels_escape_quotes_and_newlines() {
        assert_eq!(mermaid_label("a \"b\"\nc"), "a #quot;b#quot;<br/>c");
    }
}
