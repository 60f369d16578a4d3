//! Where the selection toolbar goes on the screen (issue 15): next to the selection, where the
//! system's own selection menu does not cover it, and always whole on screen. Viewport pixels
//! (CSS `px`, origin at the top left); the shell measures, this module decides.

/// A rectangle in viewport pixels.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

/// The gap between a selection made with a mouse (or the keyboard) and the toolbar below it.
pub const MOUSE_GAP: f64 = 6.0;

/// The gap below a selection made by touch. Phones draw the selection's drag handles under
/// its ends (about 20–24 px tall on Android and iOS) and their own selection menu (Copy,
/// Share, …) above it: the toolbar goes below the handles, so that it covers neither and a
/// handle can still be dragged.
pub const TOUCH_GAP: f64 = 32.0;

/// The least distance between the toolbar and the edges of the viewport.
pub const MARGIN: f64 = 4.0;

/// Where the toolbar's top left corner goes for `selection`: under its left end, below the
/// handles when it was made by touch.
pub fn toolbar_anchor(selection: Rect, touch: bool) -> (f64, f64) {
    let gap = if touch { TOUCH_GAP } else { MOUSE_GAP };
    (selection.left, selection.bottom + gap)
}

/// `at` moved as little as needed for a box of `size` (width, height) to lie whole inside a
/// viewport of `viewport` (width, height), `MARGIN` from its edges. A box larger than the
/// viewport keeps its top left corner at the margin. Not-a-number inputs count as 0, so the
/// answer is always a finite place.
pub fn keep_on_screen(at: (f64, f64), size: (f64, f64), viewport: (f64, f64)) -> (f64, f64) {
    let finite = |x: f64| if x.is_finite() { x } else { 0.0 };
    let axis = |pos: f64, len: f64, room: f64| {
        let most = finite(room) - finite(len).max(0.0) - MARGIN;
        finite(pos).min(most).max(MARGIN)
    };
    (
        axis(at.0, size.0, viewport.0),
        axis(at.1, size.1, viewport.1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEL: Rect = Rect {
        left: 40.0,
        top: 300.0,
        right: 200.0,
        bottom: 324.0,
    };

    #[test]
    fn touch_puts_the_toolbar_below_the_handles() {
        assert_eq!(toolbar_anchor(SEL, false), (40.0, 330.0));
        assert_eq!(toolbar_anchor(SEL, true), (40.0, 356.0));
    }

    #[test]
    fn the_toolbar_stays_on_screen() {
        let phone = (390.0, 844.0);
        let size = (180.0, 48.0);
        // Fits: unchanged.
        assert_eq!(keep_on_screen((40.0, 356.0), size, phone), (40.0, 356.0));
        // Off the right edge and the bottom: pulled in.
        assert_eq!(keep_on_screen((300.0, 830.0), size, phone), (206.0, 792.0));
        // Off the left edge and the top.
        assert_eq!(keep_on_screen((-20.0, -5.0), size, phone), (MARGIN, MARGIN));
        // Wider than the viewport: the start stays visible.
        assert_eq!(
            keep_on_screen((100.0, 100.0), (500.0, 48.0), phone),
            (MARGIN, 100.0)
        );
    }

    #[test]
    fn nonsense_sizes_give_a_finite_place() {
        let (x, y) = keep_on_screen((f64::NAN, f64::INFINITY), (f64::NAN, -3.0), (0.0, 0.0));
        assert!(x.is_finite() && y.is_finite());
        assert_eq!((x, y), (MARGIN, MARGIN));
    }
}
