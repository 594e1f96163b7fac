//! The category tree with its papers as leaves, and the rows it shows for a set of expanded
//! categories.

use std::collections::HashSet;

use crate::catalog::Catalog;

#[derive(Debug)]
pub struct CategoryTree {
    nodes: Vec<Node>,
    roots: Vec<usize>,
}

#[derive(Debug)]
struct Node {
    /// Index into `Catalog::categories`.
    category: usize,
    depth: usize,
    parent: Option<usize>,
    children: Vec<usize>,
    /// Indices into `Catalog::papers`, chronological.
    papers: Vec<usize>,
    /// Papers here and in every descendant.
    total: usize,
}

/// One visible line of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreeRow {
    /// Node index in the tree (not the catalog).
    Category {
        node: usize,
        depth: usize,
    },
    Paper {
        paper: usize,
        depth: usize,
    },
}

impl TreeRow {
    pub fn depth(self) -> usize {
        match self {
            Self::Category { depth, .. } | Self::Paper { depth, .. } => depth,
        }
    }
}

impl CategoryTree {
    pub fn new(catalog: &Catalog) -> Self {
        let categories = catalog.categories();
        let position = |id: &str| categories.iter().position(|c| c.id == id);
        // Catalog categories are already in sibling order, so children come out ordered.
        let mut nodes: Vec<Node> = categories
            .iter()
            .enumerate()
            .map(|(i, c)| Node {
                category: i,
                depth: 0,
                parent: c.parent.as_deref().and_then(position),
                children: Vec::new(),
                papers: Vec::new(),
                total: 0,
            })
            .collect();
        for i in 0..nodes.len() {
            if let Some(parent) = nodes[i].parent {
                nodes[parent].children.push(i);
            }
        }
        for (paper_index, paper) in catalog.papers().iter().enumerate() {
            if let Some(node) = position(&paper.category) {
                nodes[node].papers.push(paper_index);
            }
        }
        let roots: Vec<usize> = (0..nodes.len()).filter(|&i| nodes[i].parent.is_none()).collect();
        let mut tree = Self { nodes, roots };
        for root in tree.roots.clone() {
            tree.fill_depth_and_totals(root, 0);
        }
        tree
    }

    fn fill_depth_and_totals(&mut self, node: usize, depth: usize) -> usize {
        self.nodes[node].depth = depth;
        let mut total = self.nodes[node].papers.len();
        for child in self.nodes[node].children.clone() {
            total += self.fill_depth_and_totals(child, depth + 1);
        }
        self.nodes[node].total = total;
        total
    }

    /// How many categories the tree holds.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Index into `Catalog::categories` of a tree node.
    pub fn category_of(&self, node: usize) -> usize {
        self.nodes[node].category
    }

    pub fn paper_count(&self, node: usize) -> usize {
        self.nodes[node].total
    }

    pub fn parent(&self, node: usize) -> Option<usize> {
        self.nodes[node].parent
    }

    /// The node holding a category, by its catalog id.
    pub fn node_of_category(&self, catalog: &Catalog, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| catalog.categories()[n.category].id == id)
    }

    /// Every node from the root down to the one that holds `paper`.
    pub fn ancestors_of_paper(&self, catalog: &Catalog, paper: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut next = self.node_of_category(catalog, &catalog.papers()[paper].category);
        while let Some(node) = next {
            chain.push(node);
            next = self.nodes[node].parent;
        }
        chain.reverse();
        chain
    }

    /// Papers of a node and its descendants, in tree order.
    pub fn papers_under(&self, node: usize) -> Vec<usize> {
        let mut papers: Vec<usize> =
            self.nodes[node].children.iter().flat_map(|&child| self.papers_under(child)).collect();
        papers.extend(&self.nodes[node].papers);
        papers
    }

    /// Every paper, in tree order: the order `list` prints and the tree shows when fully open.
    pub fn papers_in_order(&self) -> Vec<usize> {
        self.roots.iter().flat_map(|&root| self.papers_under(root)).collect()
    }

    /// The rows visible when the nodes in `expanded` are open: sub-categories first, then papers.
    pub fn rows(&self, expanded: &HashSet<usize>) -> Vec<TreeRow> {
        let mut rows = Vec::new();
        for &root in &self.roots {
            self.push_rows(root, expanded, &mut rows);
        }
        rows
    }

    fn push_rows(&self, node: usize, expanded: &HashSet<usize>, rows: &mut Vec<TreeRow>) {
        let depth = self.nodes[node].depth;
        rows.push(TreeRow::Category { node, depth });
        if !expanded.contains(&node) {
            return;
        }
        for &child in &self.nodes[node].children {
            self.push_rows(child, expanded, rows);
        }
        rows.extend(self.nodes[node].papers.iter().map(|&paper| TreeRow::Paper { paper, depth: depth + 1 }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Category;

    fn embedded() -> (&'static Catalog, CategoryTree) {
        let catalog = crate::testing::catalog();
        let tree = CategoryTree::new(catalog);
        (catalog, tree)
    }

    #[test]
    fn collapsed_tree_shows_only_the_roots_with_their_totals() {
        let (catalog, tree) = embedded();
        let rows = tree.rows(&HashSet::new());
        let names: Vec<&str> = rows
            .iter()
            .map(|row| match *row {
                TreeRow::Category { node, .. } => catalog.categories()[tree.category_of(node)].name.as_str(),
                TreeRow::Paper { .. } => "paper",
            })
            .collect();
        let mut roots: Vec<&Category> = catalog.categories().iter().filter(|c| c.parent.is_none()).collect();
        roots.sort_by_key(|c| c.order);
        assert_eq!(names, roots.iter().map(|c| c.name.as_str()).collect::<Vec<_>>());
        assert_eq!(&names[..3], ["Foundations", "Language Models", "LLM Training"]);
        let total: usize = rows
            .iter()
            .map(|row| match *row {
                TreeRow::Category { node, .. } => tree.paper_count(node),
                TreeRow::Paper { .. } => 0,
            })
            .sum();
        assert_eq!(total, catalog.papers().len());
    }

    #[test]
    fn expanding_everything_lists_every_paper_once_under_its_category() {
        let (catalog, tree) = embedded();
        let all: HashSet<usize> = (0..tree.node_count()).collect();
        let rows = tree.rows(&all);
        let papers: Vec<usize> = rows
            .iter()
            .filter_map(|row| match *row {
                TreeRow::Paper { paper, .. } => Some(paper),
                TreeRow::Category { .. } => None,
            })
            .collect();
        assert_eq!(papers, tree.papers_in_order());
        assert_eq!(papers.len(), catalog.papers().len());
    }

    #[test]
    fn a_paper_is_reached_through_its_category_chain() {
        let (catalog, tree) = embedded();
        let faster = catalog.paper_index("faster-rcnn").unwrap();
        let chain: Vec<&str> = tree
            .ancestors_of_paper(catalog, faster)
            .into_iter()
            .map(|n| catalog.categories()[tree.category_of(n)].id.as_str())
            .collect();
        assert_eq!(chain, ["computer-vision", "object-detection", "rcnn-family"]);
    }
}
